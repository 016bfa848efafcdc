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

export const WEBHOOK_EVENTS: Readonly<Record<WebhookEventType, WebhookEventSpec>> = Object.fromEntries(
  WEBHOOK_EVENT_TYPES.map((type) => [type, registrationEvent]),
) as Record<WebhookEventType, WebhookEventSpec>;

export const isWebhookEvent = (type: string): type is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
