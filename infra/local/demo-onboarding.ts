/**
 * Demo onboarding data: the partner agreement in force (material), accepted by each demo dealer's admin, the demo
 * dealer users as the dealers' user lists show them, and one application waiting for a channel admin.
 */
import { dealerUsers } from '../../shared/db/dealer-user-repository.js';
import { acceptAgreement, publishAgreement } from '../../shared/onboarding/agreements.js';
import { receiveApplication } from '../../shared/onboarding/applications.js';
import { DEMO_USERS } from './demo-users.js';

export const DEMO_AGREEMENT_VERSION = '2026-12';

const AGREEMENT = `# Partner agreement

This agreement sets the rules of deal registration between the manufacturer and its dealers.

## 1. Registering a deal

Register an opportunity **before** it closes, with the customer, the products and the expected value. The partner
manager of your region reviews it within 24 hours (48 hours at most).

## 2. Protection

An approved registration is protected for the program's protection period (90 days unless stated otherwise): no
other dealer and no direct sales rep works the deal. You may ask once for an extension, with a reason.

## 3. Conflicts

When two registrations name the same customer, the rules of engagement decide: who registered first, where the
relationship sits, and in the end what the customer wants. Decisions are recorded with their basis.

## 4. Confidentiality

You never see another dealer's registrations, and no other dealer sees yours.
`;

export async function seedDemoOnboarding(now = new Date()): Promise<void> {
  const agreement = await publishAgreement({
    version: DEMO_AGREEMENT_VERSION,
    input: { title: 'Partner agreement, December 2026', body: AGREEMENT, material: true, effectiveFrom: now.toISOString().slice(0, 10) },
    now,
  });
  for (const user of DEMO_USERS.filter((u) => u.dealerId)) {
    await dealerUsers.record({
      id: user.subject,
      dealerId: user.dealerId as string,
      email: user.email,
      name: user.name,
      role: user.dealerRole ?? 'user',
      status: 'active',
      invitedAt: now.toISOString(),
      invitedBy: 'channel.admin@manufacturer.example',
    });
    if (user.dealerRole === 'admin') {
      await acceptAgreement({
        caller: {
          role: 'dealer',
          subject: user.subject,
          email: user.email,
          dealerId: user.dealerId as string,
          dealerAdmin: true,
          regions: [],
        },
        version: agreement.version,
        now,
      });
    }
  }
  await receiveApplication({
    input: {
      company: { name: 'Zeeland Machines B.V.', country: 'NL', city: 'Middelburg', website: 'https://zeeland-machines.example' },
      contact: { name: 'Sanne Visser', email: 'sanne.visser@zeeland-machines.example' },
      message: 'We sell and service milling machines in Zeeland and Brabant since 2009.',
      language: 'nl',
    },
    source: 'demo-seed',
    now,
  });
}
