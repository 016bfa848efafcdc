/** Lead fixtures for the API tests: regions of fresh dealers in countries no other test gives territories. */
import { randomUUID } from 'node:crypto';
import { call, partnerManagerOf, tokenFor, uniqueId } from './api.js';

/** Countries no other test file puts territories or named accounts in, so routing sees only these tests' rules. */
export const LEAD_COUNTRIES = ['IS', 'MT', 'CY', 'LV', 'EE', 'LT'] as const;

export interface LeadRegion {
  regionId: string;
  country: string;
  dealerIds: string[];
  tokens: Map<string, string>;
  manager: string;
  admin: string;
}

/** A region of `dealers` fresh active (bronze) dealers in `country`. */
export async function leadRegion(country: string, dealers: number): Promise<LeadRegion> {
  const admin = await tokenFor({ role: 'channel_admin' });
  const regionId = uniqueId('lregion');
  const put = async (path: string, body: unknown) => {
    const response = await call('PUT', path, { token: admin, body });
    if (response.status !== 200) throw new Error(`PUT ${path} -> ${response.status} ${response.text}`);
  };
  await put(`/regions/${regionId}`, {
    name: 'Lead region',
    countries: [country],
    partnerManagerEmail: partnerManagerOf(regionId),
    regionalDirectorEmail: `rd-${regionId}@manufacturer.example`,
  });
  const dealerIds = Array.from({ length: dealers }, () => uniqueId('ldealer'));
  await Promise.all(
    dealerIds.map((id) => put(`/dealers/${id}`, { name: `Dealer ${id}`, regionId, email: `${id}@dealer.example`, status: 'active' })),
  );
  const tokens = new Map(await Promise.all(dealerIds.map(async (id) => [id, await tokenFor({ role: 'dealer', dealerId: id })] as const)));
  return { regionId, country, dealerIds, tokens, manager: await tokenFor({ role: 'partner_manager', regions: [regionId] }), admin };
}

/** A valid lead body for a customer in `country`; `overrides` replace top-level fields. */
export function leadBody(country: string, regionId?: string, overrides: Record<string, unknown> = {}) {
  return {
    customer: { name: `Lead Kunde ${randomUUID().slice(0, 8)} GmbH`, country, city: 'Hafen', postalCode: '101' },
    contact: { name: 'Jonas Huber', email: 'jonas@lead.example', phone: '+49 731 55501' },
    interest: { productLines: ['milling'], note: 'Met at the fair' },
    source: 'Hannover fair',
    expectedValue: { amount: 25_000_000, currency: 'EUR' },
    ...(regionId ? { regionId } : {}),
    ...overrides,
  };
}

/** Creates a lead as a channel admin and fails loudly otherwise. */
export async function createLead(admin: string, body: unknown) {
  const created = await call('POST', '/leads', { token: admin, body });
  if (created.status !== 201) throw new Error(`fixture lead: ${created.status} ${created.text}`);
  return created.body as {
    id: string;
    status: string;
    offeredTo?: string;
    routing: { exclusions: { dealerId: string; reason: string }[] }[];
  };
}

/** A lead offered to `dealerId` of `regionId`, by a named account of a fresh customer owned by that dealer. */
export async function leadOfferedTo(admin: string, dealerId: string, regionId: string, country: string) {
  const body = leadBody(country, regionId);
  const account = await call('PUT', `/rules/named-accounts/${uniqueId('lacct')}`, {
    token: admin,
    body: { customer: { name: body.customer.name, country }, owner: { dealerId } },
  });
  if (account.status !== 200) throw new Error(`fixture named account: ${account.status} ${account.text}`);
  const lead = await createLead(admin, body);
  if (lead.offeredTo !== dealerId) throw new Error(`fixture lead went to ${lead.offeredTo}, not ${dealerId}`);
  return { ...lead, body };
}

/** A lead of `regionId` the rules keep from every dealer (a named account of the direct team): it waits unassigned. */
export async function unassignedLead(admin: string, regionId: string, country: string) {
  const body = leadBody(country, regionId);
  const account = await call('PUT', `/rules/named-accounts/${uniqueId('lacct')}`, {
    token: admin,
    body: { customer: { name: body.customer.name, country }, owner: { direct: true } },
  });
  if (account.status !== 200) throw new Error(`fixture named account: ${account.status} ${account.text}`);
  const lead = await createLead(admin, body);
  if (lead.status !== 'unassigned') throw new Error(`fixture lead is ${lead.status}, not unassigned`);
  return lead;
}

/** A lead offered to `dealerId` and accepted by it (`token`). */
export async function acceptedLead(admin: string, dealerId: string, token: string, regionId: string, country: string) {
  const lead = await leadOfferedTo(admin, dealerId, regionId, country);
  const accepted = await call('POST', `/leads/${lead.id}/accept`, { token });
  if (accepted.status !== 200) throw new Error(`fixture accept: ${accepted.status} ${accepted.text}`);
  return lead;
}
