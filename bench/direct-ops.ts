/**
 * The DynamoDB operations of the submit and update paths, issued directly with the SDK: the submission context's
 * BatchGetItem, the near-duplicate lookup (Query GSI8) and the registration's TransactWriteItems (registration,
 * history, customer lock, open count, forecast cell, the name block's sequence item and, as the application writes
 * them in the same transaction, its outbox messages).
 * The registration itself comes from the application's pure domain functions.
 */
import {
  BatchGetCommand,
  type BatchGetCommandInput,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { customerBlocks } from '../shared/db/customer-block-repository.js';
import { keys } from '../shared/db/keys.js';
import type { HistoryEntry } from '../shared/db/registration-repository.js';
import { submissionKeys } from '../shared/db/setup-repository.js';
import { withOldValues } from '../shared/db/transaction.js';
import type { StoredRegistration } from '../shared/domain/registration.js';
import { applyUpdate, newRegistration } from '../shared/domain/registration-changes.js';
import { outboxPuts } from '../shared/outbox/outbox.js';
import { customerBlock, customerLocks } from '../shared/registrations/customer-claims.js';
import { effectsOf, type Happening } from '../shared/registrations/effects.js';
import type { RegistrationInput, RegistrationUpdate } from '../shared/schemas/registration.js';
import type { Dealer } from '../shared/schemas/setup.js';
import { type Channel, regionOf } from './channel.js';
import type { BenchStack } from './stack.js';
import { createTransaction, type TransactItem, updateTransaction } from './table-items.js';

export interface Submission {
  dealer: Dealer;
  registration: StoredRegistration;
  transaction: TransactItem[];
}

export class DirectOps {
  private readonly lineOf: Map<string, string>;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly stack: BenchStack,
    private readonly channel: Channel,
  ) {
    this.lineOf = new Map(channel.products.map((p) => [p.sku, p.productLine]));
    // The application's outbox builders read the table, the review-link secret and the base URL from here.
    Object.assign(process.env, {
      TABLE_NAME: stack.tableName,
      REVIEW_TOKEN_SECRET: stack.reviewTokenSecret,
      PUBLIC_BASE_URL: stack.apiUrl,
    });
  }

  private catalog = { productLineOf: (sku: string) => this.lineOf.get(sku) };

  private async outbox(happening: Happening, registration: StoredRegistration, dealer: Dealer, now: Date) {
    const region = regionOf(this.channel, dealer);
    const reviewWindow = { targetHours: 24, limitHours: 48 };
    const messages = await effectsOf(happening, registration, async () => ({ dealer, region, reviewWindow }), now);
    return outboxPuts(messages, now).map((named) => named.item);
  }

  /** What the submit path writes for `input` when nothing conflicts: a new registration awaiting review. */
  async submission(dealer: Dealer, id: string, input: RegistrationInput, now: Date): Promise<Submission> {
    const fresh = newRegistration({
      id,
      dealerId: dealer.id,
      regionId: dealer.regionId,
      input,
      catalog: this.catalog,
      program: this.channel.program,
      now,
    });
    const registration = {
      ...fresh,
      customerBlock: customerBlock(input.customer),
      locks: customerLocks(input.customer, fresh.productLines),
    };
    const entries: HistoryEntry[] = [
      { at: fresh.submittedAt, action: 'submitted', actor: { role: 'dealer', id: dealer.id }, toStatus: 'submitted' },
    ];
    const extra = await this.outbox({ kind: 'submitted' }, registration, dealer, now);
    return { dealer, registration, transaction: createTransaction(registration, entries, extra) };
  }

  /** What a dealer's PATCH writes: the new version, its history event, the moved forecast cells, the outbox event. */
  async update(dealer: Dealer, previous: StoredRegistration, update: RegistrationUpdate, now: Date): Promise<TransactItem[]> {
    const next = applyUpdate({ registration: previous, update, catalog: this.catalog, program: this.channel.program, now });
    const entry: HistoryEntry = {
      at: now.toISOString(),
      action: 'updated',
      actor: { role: 'dealer', id: dealer.id },
      fromStatus: previous.status,
      toStatus: next.status,
      detail: `changed ${Object.keys(update).join(', ')}`,
    };
    return updateTransaction(previous, next, entry, await this.outbox({ kind: 'updated' }, next, dealer, now));
  }

  /**
   * The submission's read by key, the keys of `loadSubmissionReads`: the dealer context, the direct-sale rules and the
   * name block's sequence item, consistently.
   */
  contextRead(submission: Submission): BatchGetCommandInput {
    const reads = {
      dealerId: submission.dealer.id,
      skus: submission.registration.products.map((p) => p.sku),
      nameBlock: submission.registration.customerBlock as string,
    };
    return { RequestItems: { [this.stack.tableName]: { Keys: submissionKeys(reads), ConsistentRead: true } } };
  }

  /** The transaction with the item that advances the name block past the version the context read found. */
  private transactionAfter(submission: Submission, context: BatchGetCommandOutput): TransactItem[] {
    const block = submission.registration.customerBlock as string;
    const { PK } = keys.customerBlockSequence(block);
    const item = context.Responses?.[this.stack.tableName]?.find((i) => i.PK === PK);
    const advance = customerBlocks.advance(customerBlocks.stateOf(block, item), submission.registration.id, new Date());
    return [...submission.transaction, withOldValues(advance.item)];
  }

  /** The near-duplicate lookup of the submit path: open registrations in the customer's country and name block. */
  nearDuplicateLookup(submission: Submission): QueryCommandInput {
    return {
      TableName: this.stack.tableName,
      IndexName: 'GSI8',
      KeyConditionExpression: 'GSI8PK = :p',
      ExpressionAttributeValues: { ':p': keys.customerBlockPartition(submission.registration.customerBlock as string) },
    };
  }

  /**
   * The floor of one submission: its context read, its near-duplicate lookup (unless `lookup` is false: the
   * previous floor, kept for comparison), then its transaction.
   */
  async submit(submission: Submission, lookup = true) {
    const context = await this.db.send(new BatchGetCommand(this.contextRead(submission)));
    if (lookup) await this.db.send(new QueryCommand(this.nearDuplicateLookup(submission)));
    await this.db.send(new TransactWriteCommand({ TransactItems: this.transactionAfter(submission, context) }));
  }

  /** One submission's three operations with `options` (ReturnConsumedCapacity), answering each one's output. */
  async submitMeasured(submission: Submission, options: { ReturnConsumedCapacity: 'INDEXES' }) {
    const context = await this.db.send(new BatchGetCommand({ ...this.contextRead(submission), ...options }));
    const lookup = await this.db.send(new QueryCommand({ ...this.nearDuplicateLookup(submission), ...options }));
    const transaction = this.transactionAfter(submission, context);
    const create = await this.db.send(new TransactWriteCommand({ TransactItems: transaction, ...options }));
    return { context, lookup, create, items: transaction.length };
  }
}
