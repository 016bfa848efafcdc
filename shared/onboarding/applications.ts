/**
 * Partner applications: a public form anyone may send (limited per source), answered the same whatever the
 * company is, and decided by channel admins — approval creates the dealer and invites its first user as its admin.
 */
import { createHash, randomUUID } from 'node:crypto';
import { environment } from '../config/environment.js';
import { partnerApplications } from '../db/partner-application-repository.js';
import { ConditionsFailed } from '../db/transaction.js';
import type { Caller } from '../domain/caller.js';
import { IllegalTransition, InvalidInput, NotFound, RateLimited, StateConflict } from '../domain/errors.js';
import { applicationMail } from '../notifications/onboarding-mails.js';
import type { Application, ApplicationDecision, ApplicationInput } from '../schemas/onboarding.js';
import type { Dealer } from '../schemas/setup.js';
import { type UserDirectory, userDirectory } from '../users/user-directory.js';
import { enrolDealerUser } from './dealer-users.js';

/** Applications one source may send per clock hour. */
export const APPLICATIONS_PER_SOURCE_PER_HOUR = 10;

export const RECEIPT = {
  status: 'received' as const,
  message: 'Thank you. We review every application and answer by mail.',
};

const mailId = (application: Application, kind: string) => `mail_application_${application.id}_${kind}`;

export async function receiveApplication(args: { input: ApplicationInput; source: string; now: Date }) {
  const { input, now } = args;
  const application: Application = {
    id: `app_${randomUUID().replace(/-/g, '')}`,
    status: 'submitted',
    company: input.company,
    contact: input.contact,
    ...(input.message ? { message: input.message } : {}),
    language: input.language,
    submittedAt: now.toISOString(),
  };
  const hourEnd = Math.ceil((now.getTime() + 1) / 3_600_000) * 3_600_000;
  const outcome = await partnerApplications.receive(
    application,
    {
      sourceHash: createHash('sha256').update(args.source).digest('base64url').slice(0, 32),
      hour: now.toISOString().slice(0, 13),
      limit: APPLICATIONS_PER_SOURCE_PER_HOUR,
      expiresAt: Math.floor(hourEnd / 1000) + 3600,
    },
    [applicationMail({ id: mailId(application, 'received'), application, kind: 'received', portalUrl: environment.portalBaseUrl })],
    now,
  );
  if (outcome === 'limited') {
    throw new RateLimited(
      'Too many applications from your network this hour; try again later.',
      Math.ceil((hourEnd - now.getTime()) / 1000),
    );
  }
  return RECEIPT;
}

export const listApplications = (page: { status?: string | undefined; limit: number; cursor?: string | undefined }) =>
  partnerApplications.list(page);

async function approve(application: Application, decision: Extract<ApplicationDecision, { decision: 'approve' }>, by: string, now: Date) {
  const directory: UserDirectory = await userDirectory();
  // Checked before anything is written: an applicant whose address belongs to another account cannot be invited.
  const account = await directory.findByEmail(application.contact.email);
  if (account && account.dealerId !== decision.dealerId) {
    throw new StateConflict('The applicant’s email address already has an account; it cannot be invited as the new dealer’s admin.');
  }
  let approved = application;
  if (application.status === 'submitted') {
    approved = {
      ...application,
      status: 'approved',
      decidedAt: now.toISOString(),
      decidedBy: by,
      dealerId: decision.dealerId,
      regionId: decision.regionId,
      firstUser: { status: 'pending' },
    };
    const dealer: Dealer = {
      id: decision.dealerId,
      name: decision.dealerName ?? application.company.name,
      regionId: decision.regionId,
      email: application.contact.email,
      status: 'active',
      language: application.language,
      updatedAt: now.toISOString(),
    };
    try {
      await partnerApplications.approve(
        approved,
        dealer,
        [applicationMail({ id: mailId(application, 'approved'), application, kind: 'approved', portalUrl: environment.portalBaseUrl })],
        now,
      );
    } catch (error) {
      if (!(error instanceof ConditionsFailed)) throw error;
      if (error.failed.has('application')) throw new IllegalTransition('This application has been decided already.');
      if (error.failed.has('region')) throw new InvalidInput([{ path: '/regionId', message: `there is no region ${decision.regionId}` }]);
      throw new StateConflict(`A dealer ${decision.dealerId} exists already; choose another dealer id.`);
    }
  }
  // The first user: invited after the dealer exists, so a retry of the same decision finishes an interrupted one.
  if (approved.firstUser?.status !== 'invited') {
    const { user } = await enrolDealerUser({
      dealerId: decision.dealerId,
      input: { email: application.contact.email, name: application.contact.name, admin: true },
      invitedBy: by,
      now,
      directory,
      language: application.language,
    });
    await partnerApplications.markInvited(application.id, user.id);
    approved = { ...approved, firstUser: { status: 'invited', userId: user.id } };
  }
  return approved;
}

export async function decideApplication(args: { caller: Caller; id: string; decision: ApplicationDecision; now: Date }) {
  const { decision, now } = args;
  const by = args.caller.email ?? args.caller.subject;
  const application = await partnerApplications.get(args.id);
  if (!application) throw new NotFound(`There is no application ${args.id}.`);
  if (decision.decision === 'approve') {
    const retry = application.status === 'approved' && application.dealerId === decision.dealerId;
    if (application.status !== 'submitted' && !retry) throw new IllegalTransition(`This application was ${application.status} already.`);
    return approve(application, decision, by, now);
  }
  if (application.status === 'declined') return application;
  if (application.status !== 'submitted') throw new IllegalTransition(`This application was ${application.status} already.`);
  const declined: Application = {
    ...application,
    status: 'declined',
    decidedAt: now.toISOString(),
    decidedBy: by,
    declineReason: decision.reason,
  };
  try {
    await partnerApplications.decline(
      declined,
      [
        applicationMail({
          id: mailId(application, 'declined'),
          application,
          kind: 'declined',
          reason: decision.reason,
          portalUrl: environment.portalBaseUrl,
        }),
      ],
      now,
    );
  } catch (error) {
    if (error instanceof ConditionsFailed) throw new IllegalTransition('This application has been decided already.');
    throw error;
  }
  return declined;
}
