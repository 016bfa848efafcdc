/** What a state change owes the outside world: mails and domain events, stored with the change itself. */
import type { MailContent } from '../notifications/mail-render.js';

export interface MailMessage {
  kind: 'mail';
  id: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** What the mail was rendered from: the outbox stores this instead of the parts, and renders it again to send. */
  content?: MailContent;
}

export interface EventMessage {
  kind: 'event';
  id: string;
  detailType: DomainEventType;
  detail: Record<string, unknown>;
}

export type OutboxMessage = MailMessage | EventMessage;

/** The catalogue of domain events on the bus (source `dealer-channel`); README lists each with its detail. */
export const DOMAIN_EVENT_TYPES = [
  'RegistrationSubmitted',
  'RegistrationApproved',
  'RegistrationRejected',
  'RegistrationUpdated',
  'RegistrationWithdrawn',
  'RegistrationWon',
  'RegistrationLost',
  'ReviewOverdue',
  'ReviewEscalated',
  'ProtectionExpiring',
  'ProtectionExpired',
  'ExtensionRequested',
  'ExtensionDecided',
  'ConflictEscalated',
  'ConflictResolved',
  'LeadOffered',
  'LeadAccepted',
  'LeadDeclined',
  'LeadLapsed',
  'LeadConverted',
  'LeadUnassigned',
  'FundRequestDecided',
  'FundClaimDecided',
  'FundClaimPaid',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

export const EVENT_SOURCE = 'dealer-channel';
