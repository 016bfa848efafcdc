/**
 * Bounce and complaint events of SES (the configuration set publishes them to the default EventBridge bus): a hard
 * bounce is counted on the address and flags each region whose manager or director has it, for the channel admins
 * to correct; a complaint does the same and suppresses every further mail to the address (the outbox checks before
 * it sends). Transient (soft) bounces are SES's to retry and change nothing here.
 */
import * as z from 'zod';
import { mailAddresses } from '../db/mail-address-repository.js';
import { logger } from '../observability/logger.js';
import type { MailIssue } from '../schemas/setup.js';

const Recipient = z.object({
  emailAddress: z.string().min(3).max(320),
  diagnosticCode: z.string().optional(),
  status: z.string().optional(),
});

/** The part of SES's event that we read (`detail` of the EventBridge event; the same record SNS would carry). */
export const SesFeedbackDetail = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail: z.object({ messageId: z.string(), timestamp: z.string().optional() }).passthrough(),
  bounce: z
    .object({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(Recipient),
      timestamp: z.string(),
    })
    .passthrough()
    .optional(),
  complaint: z
    .object({
      complainedRecipients: z.array(z.object({ emailAddress: z.string().min(3).max(320) })),
      complaintFeedbackType: z.string().optional(),
      timestamp: z.string(),
    })
    .passthrough()
    .optional(),
});

export interface FeedbackResult {
  kind: 'bounced' | 'complained' | 'ignored';
  addresses: string[];
  /** Region ids whose manager's or director's address was flagged. */
  regions: string[];
}

/** Records one SES event; an event that is neither a hard bounce nor a complaint is ignored (and says so). */
export async function recordMailFeedback(detail: unknown): Promise<FeedbackResult> {
  const parsed = SesFeedbackDetail.safeParse(detail);
  if (!parsed.success) {
    logger.warn('Ignored an SES event of an unknown shape', { issues: parsed.error.issues.slice(0, 3) });
    return { kind: 'ignored', addresses: [], regions: [] };
  }
  const event = parsed.data;
  const type = event.eventType ?? event.notificationType;
  if (type === 'Bounce' && event.bounce?.bounceType === 'Permanent') {
    const { bounce } = event;
    const regions: string[] = [];
    for (const recipient of bounce.bouncedRecipients) {
      const detail = [bounce.bounceSubType, recipient.status, recipient.diagnosticCode].filter(Boolean).join(' · ');
      await mailAddresses.recordBounce(recipient.emailAddress, { at: bounce.timestamp, detail });
      const issue: MailIssue = { kind: 'bounced', at: bounce.timestamp, ...(detail ? { detail: detail.slice(0, 500) } : {}) };
      regions.push(...(await mailAddresses.flagRegions(recipient.emailAddress, issue)));
    }
    const addresses = bounce.bouncedRecipients.map((r) => r.emailAddress.toLowerCase());
    logger.warn('Mail bounced', { messageId: event.mail.messageId, addresses: addresses.length, regions });
    return { kind: 'bounced', addresses, regions };
  }
  if (type === 'Complaint' && event.complaint) {
    const { complaint } = event;
    const detail = complaint.complaintFeedbackType ?? 'complaint';
    const regions: string[] = [];
    for (const recipient of complaint.complainedRecipients) {
      await mailAddresses.recordComplaint(recipient.emailAddress, { at: complaint.timestamp, detail });
      regions.push(...(await mailAddresses.flagRegions(recipient.emailAddress, { kind: 'complained', at: complaint.timestamp, detail })));
    }
    const addresses = complaint.complainedRecipients.map((r) => r.emailAddress.toLowerCase());
    logger.warn('Mail drew a complaint; the address gets no further mail', { messageId: event.mail.messageId, regions });
    return { kind: 'complained', addresses, regions };
  }
  return { kind: 'ignored', addresses: [], regions: [] };
}
