/** Contract of the outbox area: the dead letters channel admins look at and replay. */
import { listOf } from '../schemas/common.js';
import { DeadLetter, DeadLetterListQuery, DeadLetterParams, DeadLetterReplay } from '../schemas/outbox.js';
import { defineRoute } from './route-contract.js';

export const deadLetterRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/outbox/dead-letters',
    entry: 'functions/outbox/dead-letters.ts',
    handler: 'list',
    summary:
      'Mails and events the outbox gave up on, newest first: what, to whom, why (a permanent SES error, or 10 failed attempts), attempts, when',
    auth: 'jwt',
    roles: ['channel_admin'],
    table: 'read',
    query: DeadLetterListQuery,
    response: { status: 200, schema: listOf(DeadLetter), description: 'A page of dead letters' },
  }),
  replay: defineRoute({
    method: 'POST',
    path: '/outbox/dead-letters/{id}/replay',
    entry: 'functions/outbox/dead-letters.ts',
    handler: 'replay',
    summary:
      'Put a dead letter back to be delivered once (e.g. after the recipient was verified or the address fixed); replaying it again before it is delivered changes nothing',
    auth: 'jwt',
    roles: ['channel_admin'],
    table: 'write',
    params: DeadLetterParams,
    response: { status: 202, schema: DeadLetterReplay, description: 'Waiting for delivery again' },
  }),
};
