/**
 * Portal logins: a marker per dealer user and UTC day (`PK=LOGIN#<dealerId>#<day>#<sub>`, kept 3 days) that makes
 * the day count once in the month's `logins` KPI item.
 */
import { environment } from '../config/environment.js';
import { keys } from './keys.js';
import { ConditionsFailed, transact } from './transaction.js';

const table = () => environment.tableName;

const LOGIN_MARKER_DAYS = 3;

export const portalLogins = {
  /**
   * Counts a dealer user's first authenticated request of a UTC day: the day's marker is put only if absent, and the
   * month's counter is incremented in the same transaction, so a day counts once however many requests race.
   * Returns false when the day was already counted.
   */
  async record(dealerId: string, subject: string, at: Date): Promise<boolean> {
    const day = at.toISOString().slice(0, 10);
    const month = day.slice(0, 7);
    try {
      await transact([
        {
          name: 'marker',
          item: {
            Put: {
              TableName: table(),
              Item: {
                ...keys.portalLogin(dealerId, day, subject),
                entity: 'portal-login',
                expiresAt: Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + LOGIN_MARKER_DAYS * 86_400,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        },
        {
          name: 'counter',
          item: {
            Update: {
              TableName: table(),
              Key: keys.dealerKpiMonth(dealerId, month, 'logins'),
              UpdateExpression: 'ADD #count :one SET entity = :entity, dealerId = :dealer, #month = :month, kind = :kind',
              ExpressionAttributeNames: { '#count': 'count', '#month': 'month' },
              ExpressionAttributeValues: { ':one': 1, ':entity': 'kpi-month', ':dealer': dealerId, ':month': month, ':kind': 'logins' },
            },
          },
        },
      ]);
      return true;
    } catch (error) {
      if (error instanceof ConditionsFailed) return false;
      throw error;
    }
  },
};
