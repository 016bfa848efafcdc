/**
 * What SES reported about the addresses we mail: one item per lower-cased address (`MAILADDR#<address>`) with its
 * bounces and whether it complained — a complaint suppresses every further mail to it — and the flag a bounce or
 * complaint leaves on each region whose partner manager or regional director has that address.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import type { MailIssue } from '../schemas/setup.js';
import { batchGet } from './batch.js';
import { documentClient } from './client.js';
import { keys } from './keys.js';
import { queryAll } from './query-pages.js';

export const MAIL_ADDRESS_ENTITY = 'mail-address';

/** The region attributes that hold a manager's address, and where the flag of each goes. */
export const REGION_MAIL_ROLES = [
  { address: 'partnerManagerEmail', flag: 'partnerManagerMailIssue' },
  { address: 'regionalDirectorEmail', flag: 'regionalDirectorMailIssue' },
] as const;

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

export const mailAddresses = {
  /** The lower-cased addresses among `addresses` that complained: no mail goes to them. */
  async suppressed(addresses: string[]): Promise<Set<string>> {
    const unique = [...new Set(addresses.map((a) => a.toLowerCase()))];
    if (unique.length === 0) return new Set();
    const items = await batchGet(unique.map((address) => keys.mailAddress(address)));
    return new Set(items.filter((item) => item.suppressed === true).map((item) => String(item.email)));
  },

  /** Counts a hard bounce of the address. */
  async recordBounce(address: string, bounce: { at: string; detail: string }): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: environment.tableName,
        Key: keys.mailAddress(address),
        UpdateExpression:
          'SET entity = :entity, email = :email, bounces = if_not_exists(bounces, :zero) + :one, lastBounceAt = :at, lastBounce = :detail',
        ExpressionAttributeValues: {
          ':entity': MAIL_ADDRESS_ENTITY,
          ':email': address.toLowerCase(),
          ':zero': 0,
          ':one': 1,
          ':at': bounce.at,
          ':detail': bounce.detail.slice(0, 500),
        },
      }),
    );
  },

  /** The recipient marked our mail as spam: it gets none again. */
  async recordComplaint(address: string, complaint: { at: string; detail: string }): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: environment.tableName,
        Key: keys.mailAddress(address),
        UpdateExpression: 'SET entity = :entity, email = :email, suppressed = :true, complainedAt = :at, complaint = :detail',
        ExpressionAttributeValues: {
          ':entity': MAIL_ADDRESS_ENTITY,
          ':email': address.toLowerCase(),
          ':true': true,
          ':at': complaint.at,
          ':detail': complaint.detail.slice(0, 500),
        },
      }),
    );
  },

  /**
   * Flags every region whose manager or director has the address. Reads the regions list (a channel has tens of
   * regions) and writes each flag on the condition that the region still has that address, so a region corrected
   * meanwhile is not flagged. A PUT of the region (the channel admin's correction) replaces the item and so clears
   * the flag. Returns the ids of the regions flagged.
   */
  async flagRegions(address: string, issue: MailIssue): Promise<string[]> {
    const wanted = address.toLowerCase();
    const regions = await queryAll({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: { ':p': keys.regionsPartition() },
    });
    const flagged: string[] = [];
    for (const region of regions) {
      for (const role of REGION_MAIL_ROLES) {
        const stored = region[role.address];
        if (typeof stored !== 'string' || stored.toLowerCase() !== wanted) continue;
        try {
          await documentClient.send(
            new UpdateCommand({
              TableName: environment.tableName,
              Key: keys.region(String(region.id)),
              UpdateExpression: `SET ${role.flag} = :issue`,
              ConditionExpression: `${role.address} = :address`,
              ExpressionAttributeValues: { ':issue': issue, ':address': stored },
            }),
          );
          flagged.push(String(region.id));
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
    }
    return [...new Set(flagged)];
  },
};
