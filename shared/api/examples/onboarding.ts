/** Examples of the onboarding area's requests and answers (spread into EXAMPLES; checked against the schemas). */
import type { RouteExample } from '../examples.js';

const at = '2026-11-30T09:15:00.000Z';
const later = '2026-12-01T10:02:00.000Z';
const page = <T>(item: T) => ({ items: [item], nextCursor: 'eyJhZnRlciI6IjIwMjYtMTEtMzAifQ' });

const applicationInput = {
  company: { name: 'Zeeland Machines B.V.', country: 'NL', city: 'Middelburg', website: 'https://zeeland-machines.example' },
  contact: { name: 'Sanne Visser', email: 'sanne.visser@zeeland-machines.example' },
  message: 'We sell and service milling machines in Zeeland and Brabant since 2009.',
  language: 'nl',
};
const application = { id: 'app_9f2c41d7e0b84c5aa1d3e6f7b8c9d0e1', status: 'submitted', ...applicationInput, submittedAt: at };
const approved = {
  ...application,
  status: 'approved',
  decidedAt: later,
  decidedBy: 'channel.admin@manufacturer.example',
  dealerId: 'dealer-zeeland',
  regionId: 'benelux',
  firstUser: { status: 'invited', userId: 'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d' },
};

const agreementInput = {
  title: 'Partner agreement 2027',
  body: '# Deal registration\n\nRegister an opportunity **before** it closes. An approved registration is protected for 90 days.',
  material: true,
  effectiveFrom: '2027-01-01',
};
const agreement = { ...agreementInput, version: '2027-01', publishedAt: at };
const acceptance = {
  version: '2027-01',
  dealerId: 'dealer-alpine',
  userId: 'demo-anna-berger',
  email: 'anna.berger@alpine.example',
  acceptedAt: later,
};

const dealerUser = {
  id: 'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  dealerId: 'dealer-alpine',
  email: 'jonas.huber@alpine.example',
  name: 'Jonas Huber',
  role: 'user',
  status: 'active',
  invitedAt: at,
  invitedBy: 'anna.berger@alpine.example',
};

export const ONBOARDING_EXAMPLES: Record<string, RouteExample> = {
  'POST /partner-applications': {
    request: applicationInput,
    response: { status: 'received', message: 'Thank you. We review every application and answer by mail.' },
  },
  'GET /partner-applications': { response: page(application) },
  'POST /partner-applications/{id}/decision': {
    request: { decision: 'approve', dealerId: 'dealer-zeeland', regionId: 'benelux' },
    response: approved,
  },
  'PUT /agreements/{version}': { request: agreementInput, response: agreement },
  'GET /agreements': { response: page(agreement) },
  'GET /agreements/current': { response: { ...agreement, accepted: true, acceptedAt: later, blocking: false } },
  'POST /agreements/{version}/accept': { response: acceptance },
  'GET /agreements/{version}/acceptances': { response: page(acceptance) },
  'GET /dealers/{dealerId}/users': { response: page(dealerUser) },
  'POST /dealers/{dealerId}/users': { request: { email: 'jonas.huber@alpine.example', name: 'Jonas Huber' }, response: dealerUser },
  'POST /dealers/{dealerId}/users/{userId}/disable': {
    response: { ...dealerUser, status: 'disabled', disabledAt: later, disabledBy: 'anna.berger@alpine.example' },
  },
};
