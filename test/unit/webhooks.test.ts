import { describe, expect, it } from 'vitest';
import { WEBHOOK_EVENTS } from '../../shared/domain/webhook-events.js';
import { nextAttemptAt, RETRY_FOR_MS } from '../../shared/domain/webhook-retry.js';
import { signatureHeader, verifySignature } from '../../shared/domain/webhook-signature.js';
import { checkTarget, isPublicAddress } from '../../shared/integrations/webhook-target.js';

describe('webhook retries', () => {
  it('back off exponentially from a minute, at most 4 h apart, and keep trying for 24 h', () => {
    const created = new Date('2026-12-01T00:00:00Z');
    let now = created;
    const delays: number[] = [];
    for (let failed = 1; ; failed++) {
      const next = nextAttemptAt(created, failed, now);
      if (!next) break;
      delays.push((next.getTime() - now.getTime()) / 60_000);
      now = next;
    }
    expect(delays.slice(0, 9)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 240]);
    expect(Math.max(...delays)).toBe(240);
    expect(now.getTime() - created.getTime()).toBeGreaterThanOrEqual(RETRY_FOR_MS);
    expect(delays.length + 1).toBe(14);
  });
});

describe('webhook signatures', () => {
  const body = '{"id":"evt","type":"RegistrationApproved"}';
  const now = 1_790_000_000;
  it('verify with the secret over timestamp and body, and with either secret during a rotation', () => {
    const header = signatureHeader(body, now, ['whsec_new', 'whsec_old']);
    expect(header).toMatch(/^t=1790000000,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verifySignature(header, body, 'whsec_new', now)).toBe(true);
    expect(verifySignature(header, body, 'whsec_old', now + 60)).toBe(true);
    expect(verifySignature(header, body, 'whsec_other', now)).toBe(false);
    expect(verifySignature(header, `${body} `, 'whsec_new', now)).toBe(false);
    expect(verifySignature(header.replace('t=1790000000', 't=1790000001'), body, 'whsec_new', now)).toBe(false);
    expect(verifySignature(header, body, 'whsec_new', now + 301)).toBe(false);
  });
});

describe('webhook payloads', () => {
  it('carry only the fields picked for the dealer, never the region, managers or unknown fields', () => {
    const spec = WEBHOOK_EVENTS.RegistrationApproved;
    const detail = {
      registrationId: 'reg_1',
      dealerId: 'dealer-a',
      regionId: 'dach',
      status: 'approved',
      version: 2,
      escalatedTo: 'rd@manufacturer.example',
      contact: { email: 'eva@kunde.example' },
    };
    expect(spec.ownerOf(detail)).toBe('dealer-a');
    expect(spec.data(detail)).toEqual({ registrationId: 'reg_1', status: 'approved', version: 2 });
  });
});

describe('lead webhook payloads', () => {
  it("carry the dealer's own answer as the status, never the lead's next status, version, region or contact", () => {
    // After a decline the lead itself is offered to another dealer: the decliner's delivery must not say so.
    const detail = {
      leadId: 'lead_1',
      regionId: 'dach',
      status: 'offered',
      version: 4,
      at: '2026-12-01T10:00:00.000Z',
      dealerId: 'dealer-a',
    };
    expect(WEBHOOK_EVENTS.LeadDeclined.ownerOf(detail)).toBe('dealer-a');
    expect(WEBHOOK_EVENTS.LeadDeclined.data(detail)).toEqual({ leadId: 'lead_1', status: 'declined' });
    expect(WEBHOOK_EVENTS.LeadLapsed.data({ ...detail, status: 'unassigned' })).toEqual({ leadId: 'lead_1', status: 'lapsed' });
    expect(WEBHOOK_EVENTS.LeadOffered.data({ ...detail, acceptBy: '2026-12-03T10:00:00.000Z', contact: { email: 'x@y.example' } })).toEqual(
      {
        leadId: 'lead_1',
        status: 'offered',
        acceptBy: '2026-12-03T10:00:00.000Z',
      },
    );
    expect(WEBHOOK_EVENTS.LeadConverted.data({ ...detail, status: 'converted', registrationId: 'reg_1' })).toEqual({
      leadId: 'lead_1',
      status: 'converted',
      registrationId: 'reg_1',
    });
    expect(WEBHOOK_EVENTS.LeadAccepted.resourcePath(detail)).toBe('/leads/lead_1');
    expect(WEBHOOK_EVENTS.LeadAccepted.opaqueEventId).toBe(true);
    expect(WEBHOOK_EVENTS.RegistrationApproved.opaqueEventId).toBeUndefined();
  });
});

describe('webhook targets without an explicit allowance (normal settings)', () => {
  it.each([
    'https://127.0.0.1/hook',
    'https://169.254.169.254/latest/meta-data/',
    'https://[::ffff:169.254.169.254]/',
    'https://[::1]/',
    'https://[fd00::1]/',
    'https://10.1.2.3/',
    'https://192.168.0.1/',
    'https://100.64.0.1/',
    'https://0.0.0.0/',
    'https://localhost/',
    'http://8.8.8.8/',
    'https://does-not-resolve.invalid/',
  ])('refuses %s', async (url) => {
    expect((await checkTarget(url)).ok).toBe(false);
  });

  it('accepts an https URL at a public address', async () => {
    expect(await checkTarget('https://8.8.8.8/hook')).toEqual({ ok: true });
    expect(isPublicAddress('2001:4860:4860::8888')).toBe(true);
  });
});
