/**
 * The `leads` schedule, run as if days ahead (so it runs apart from the API tests): a reminder before the accept
 * window closes, then recall and re-offer at its end; the recalled dealer loses sight of the lead and never gets it
 * back, the lapse is recorded, and double runs change nothing twice.
 */
import { describe, expect, it } from 'vitest';
import { call, eventsArrived, mailsArrived, runJob } from '../../support/api.js';
import { createLead, leadBody, leadRegion } from '../../support/leads.js';

const HOUR = 3_600_000;

describe('the leads schedule', () => {
  it('reminds before the accept window closes, then recalls the lead and offers it to another dealer', { timeout: 180_000 }, async () => {
    const r = await leadRegion('MT', 2);
    const lead = await createLead(r.admin, leadBody('MT', r.regionId));
    const first = lead.offeredTo as string;
    const firstToken = r.tokens.get(first) as string;
    const read = (await call('GET', `/leads/${lead.id}`, { token: r.manager })).body;
    const acceptBy = Date.parse(read.acceptBy);
    expect(acceptBy - Date.parse(read.offeredAt)).toBe(48 * HOUR);

    // Before the reminder is due nothing happens; 12 h before the window closes the dealer is reminded, once.
    await runJob('leads', new Date(acceptBy - 13 * HOUR));
    expect((await call('GET', `/leads/${lead.id}`, { token: r.manager })).body.version).toBe(read.version);
    const reminded = await runJob('leads', new Date(acceptBy - 11 * HOUR));
    expect(reminded.reminded).toBeGreaterThanOrEqual(1);
    await runJob('leads', new Date(acceptBy - 10 * HOUR));
    // The job's run acts on every due lead of the shared table, and their mail leaves at the SES rate.
    const reminders = await mailsArrived(
      `${first}@dealer.example`,
      (m) => m.subject.startsWith('Reminder: lead awaiting your answer'),
      1,
      90_000,
    );
    expect(reminders).toHaveLength(1);

    // At the window's end: recalled and routed on, twice run, once done.
    const [once, twice] = await Promise.all([runJob('leads', new Date(acceptBy + 60_000)), runJob('leads', new Date(acceptBy + 60_000))]);
    expect((once.lapsed ?? 0) + (twice.lapsed ?? 0)).toBeGreaterThanOrEqual(1);
    const after = (await call('GET', `/leads/${lead.id}`, { token: r.manager })).body;
    const second = r.dealerIds.find((d) => d !== first) as string;
    expect(after).toMatchObject({ status: 'offered', offeredTo: second });
    expect(after.answers).toEqual([expect.objectContaining({ dealerId: first, answer: 'lapsed' })]);
    expect(after.routing).toHaveLength(2);
    expect(after.routing[1].exclusions).toEqual([{ dealerId: first, reason: 'let the lead lapse' }]);

    // The recalled dealer no longer sees the lead, and is told.
    expect((await call('GET', `/leads/${lead.id}`, { token: firstToken })).status).toBe(404);
    expect((await call('POST', `/leads/${lead.id}/accept`, { token: firstToken })).status).toBe(404);
    expect((await call('GET', '/leads?limit=100', { token: firstToken })).text).not.toContain(lead.id);
    await mailsArrived(`${first}@dealer.example`, (m) => m.subject.startsWith('Lead recalled'), 1, 90_000);
    await eventsArrived((e) => e.detailType === 'LeadLapsed' && e.detail.leadId === lead.id && e.detail.dealerId === first);

    // The second dealer's window runs from its own offer; when it lapses too, nobody is left.
    const secondBy = Date.parse(after.acceptBy);
    await runJob('leads', new Date(secondBy + 60_000));
    const last = (await call('GET', `/leads/${lead.id}`, { token: r.manager })).body;
    expect(last.status).toBe('unassigned');
    expect(last.answers.map((a: { dealerId: string }) => a.dealerId)).toEqual([first, second]);
  });
});
