/**
 * SES's bounce and complaint events, from the default EventBridge bus (the rule matches this stage's configuration
 * set): each is recorded by shared/outbox/mail-feedback.ts. A failure throws, so that Lambda retries the event and
 * then keeps it in the on-failure destination.
 */
import type { EventBridgeEvent } from 'aws-lambda';
import { type FeedbackResult, recordMailFeedback } from '../../shared/outbox/mail-feedback.js';

export const handler = async (event: EventBridgeEvent<string, unknown>): Promise<FeedbackResult> => recordMailFeedback(event.detail);
