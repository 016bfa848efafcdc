/**
 * The events a dealer's webhooks may subscribe to, and what each delivery carries. Data-driven: an area that
 * publishes dealer-owned events (leads) adds its types here, with the dealer that owns each event and the fields a
 * delivery may carry — picked one by one, so a field added to a domain event never reaches a webhook unseen.
 */
export const WEBHOOK_EVENT_TYPES = [
  'RegistrationSubmitted',
  'RegistrationApproved',
  'RegistrationRejected',
  'RegistrationUpdated',
  'RegistrationWithdrawn',
  'RegistrationWon',
  'RegistrationLost',
  'ProtectionExpiring',
  'ProtectionExpired',
  'ExtensionRequested',
  'ExtensionDecided',
  'LeadOffered',
  'LeadAccepted',
  'LeadDeclined',
  'LeadLapsed',
  'LeadConverted',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface WebhookEventSpec {
  area: 'registrations' | 'leads';
  /** The dealer the event belongs to: only its webhooks receive it. */
  ownerOf(detail: Record<string, unknown>): string | undefined;
  /** What the delivery's `data` carries: the owner's own view, never contact data or another party. */
  data(detail: Record<string, unknown>): Record<string, unknown>;
  /** The API resource the CRM reads for the whole record with its token. */
  resourcePath(detail: Record<string, unknown>): string;
  /** The internal event id says more than the owner may know: receivers get a digest of it (webhook-delivery.ts). */
  opaqueEventId?: true;
}

/** A registration's domain event as its dealer may see it; `regionId`, conflict ids and managers stay out. */
const REGISTRATION_FIELDS = [
  'registrationId',
  'status',
  'version',
  'expectedValue',
  'productLines',
  'protectedUntil',
  'automatic',
  'daysLeft',
  'days',
  'decision',
] as const;

const pick = (detail: Record<string, unknown>, fields: readonly string[]) =>
  Object.fromEntries(fields.filter((field) => detail[field] !== undefined).map((field) => [field, detail[field]]));

const registrationEvent: WebhookEventSpec = {
  area: 'registrations',
  ownerOf: (detail) => (typeof detail.dealerId === 'string' ? detail.dealerId : undefined),
  data: (detail) => pick(detail, REGISTRATION_FIELDS),
  resourcePath: (detail) => `/registrations/${encodeURIComponent(String(detail.registrationId))}`,
};

/**
 * A lead's event as the dealer it concerns sees it: the dealer's own answer as the status — never the lead's own
 * status, which after a decline or lapse tells where it went next — and no version, region or contact data (the
 * resource shows the contact while the lead is the dealer's). The internal event id carries the lead's version, a
 * count of what happened with other dealers, so receivers get a digest of it: stable across retries, saying nothing.
 */
const LEAD_EVENTS = {
  LeadOffered: { status: 'offered', fields: ['acceptBy'] },
  LeadAccepted: { status: 'accepted', fields: [] },
  LeadDeclined: { status: 'declined', fields: [] },
  LeadLapsed: { status: 'lapsed', fields: [] },
  LeadConverted: { status: 'converted', fields: ['registrationId'] },
} as const satisfies Partial<Record<WebhookEventType, { status: string; fields: readonly string[] }>>;

const leadEvent = ({ status, fields }: { status: string; fields: readonly string[] }): WebhookEventSpec => ({
  area: 'leads',
  ownerOf: (detail) => (typeof detail.dealerId === 'string' ? detail.dealerId : undefined),
  data: (detail) => ({ ...pick(detail, ['leadId']), status, ...pick(detail, fields) }),
  resourcePath: (detail) => `/leads/${encodeURIComponent(String(detail.leadId))}`,
  opaqueEventId: true,
});

export const WEBHOOK_EVENTS: Readonly<Record<WebhookEventType, WebhookEventSpec>> = Object.fromEntries(
  WEBHOOK_EVENT_TYPES.map((type) => [
    type,
    type in LEAD_EVENTS ? leadEvent(LEAD_EVENTS[type as keyof typeof LEAD_EVENTS]) : registrationEvent,
  ]),
) as Record<WebhookEventType, WebhookEventSpec>;

export const isWebhookEvent = (type: string): type is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
