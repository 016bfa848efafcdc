/** Domain events: what happened to a registration, without contact data. */
import type { StoredRegistration } from '../domain/registration.js';
import type { DomainEventType, EventMessage } from '../outbox/message.js';

export function domainEvent(
  id: string,
  detailType: DomainEventType,
  r: StoredRegistration,
  at: string,
  extra: Record<string, unknown> = {},
): EventMessage {
  return {
    kind: 'event',
    id,
    detailType,
    detail: {
      registrationId: r.id,
      dealerId: r.dealerId,
      regionId: r.regionId,
      status: r.status,
      version: r.version,
      at,
      expectedValue: r.expectedValue,
      productLines: r.productLines,
      ...(r.protectedUntil ? { protectedUntil: r.protectedUntil } : {}),
      ...extra,
    },
  };
}
