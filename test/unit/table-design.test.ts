import { describe, expect, it } from 'vitest';
import { keys } from '../../shared/db/keys.js';
import { outboxItems, outboxMessageOf } from '../../shared/db/outbox-repository.js';
import { projectionOf, tableDesign } from '../../shared/db/table-design.js';
import { renderMail } from '../../shared/notifications/mail-render.js';

process.env.TABLE_NAME ??= 'table-design-test';

const indexOfAttribute = (attribute: string) => tableDesign.indexes.find((i) => i.partitionKey === attribute || i.sortKey === attribute);
const statuses = ['submitted', 'in_conflict', 'approved', 'rejected', 'won', 'lost', 'expired', 'withdrawn'] as const;

describe('table design: the items written most are only in indexes that copy little', () => {
  it('puts a registration, in every status, only into indexes that do not copy every attribute', () => {
    for (const status of statuses) {
      const indexKeys = keys.registrationIndexes({
        id: 'reg_1',
        dealerId: 'd-1',
        regionId: 'r-1',
        status,
        submittedAt: '2026-03-01T10:00:00.000Z',
        protectedUntil: '2026-06-01T10:00:00.000Z',
        customerBlock: 'DE#acme',
        expectedCloseDate: '2026-09-30',
      });
      for (const attribute of Object.keys(indexKeys)) {
        const index = indexOfAttribute(attribute);
        expect(index, attribute).toBeDefined();
        expect(projectionOf(index as (typeof tableDesign.indexes)[number]).ProjectionType, `${status}: ${attribute}`).not.toBe('ALL');
      }
    }
  });

  it('lists a waiting outbox message in a keys-only index', () => {
    const [put] = outboxItems.puts([{ kind: 'event', id: 'm-1', detailType: 'RegistrationSubmitted', detail: {} }], new Date());
    const item = put?.item.Put?.Item as Record<string, unknown>;
    const indexed = Object.keys(item).filter((attribute) => indexOfAttribute(attribute));
    expect(indexed.length).toBeGreaterThan(0);
    for (const attribute of indexed) expect(projectionOf(indexOfAttribute(attribute) as never).ProjectionType).toBe('KEYS_ONLY');
  });

  it('stores a mail compressed and gives it back whole', () => {
    const mail = {
      kind: 'mail' as const,
      id: 'm-2',
      to: ['a@example.com'],
      subject: 'Hi',
      text: 'x'.repeat(3000),
      html: `<p>${'y'.repeat(3000)}</p>`,
    };
    const [put] = outboxItems.puts([mail], new Date());
    const item = put?.item.Put?.Item as Record<string, unknown>;
    expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(1000);
    expect(outboxMessageOf(item)).toEqual(mail);
  });

  it('stores a rendered mail as its content, within 1 KB with its keys, and renders the same mail to send', () => {
    const mail = renderMail({
      id: 'reg_bRqfAWGcrTFskJCVgb0Tp3a1.v1.1',
      to: 'pm-dach@manufacturer.example',
      language: 'en',
      subject: 'Deal registration to review: Bcdfghk GmbH',
      heading: 'A deal registration waits for your review',
      intro: 'Dealer 1 registered a deal. Approve it to protect the dealer, or reject it with a reason.',
      deadline: 'Please decide by 3 December 2026 at 06:26 UTC.',
      facts: [
        ['Dealer', 'Dealer 1'],
        ['Customer', 'Bcdfghk GmbH'],
        ['Location', '12345 Esch-sur-Alzette DE'],
        ['Expected value', '€1,234,567.89'],
        ['Expected close', '11 October 2027'],
        ['Products', '2 × MX-200, 1 × MX-500'],
        ['Submitted', '2 December 2026 at 06:26 UTC'],
      ],
      cta: {
        href: `https://api.example.com/review/${'x'.repeat(200)}.${'y'.repeat(43)}`,
        label: 'Open the review page',
        hint: 'Opening it changes nothing.',
      },
      footer: 'Dealer Channel — deal registration of your partner program.',
    });
    const [put] = outboxItems.puts([mail], new Date());
    const item = put?.item.Put?.Item as Record<string, unknown>;
    const { content, ...message } = item.message as Record<string, unknown>;
    expect(content).toBeInstanceOf(Uint8Array);
    // What DynamoDB counts: attribute names and values; the compressed content counts as its bytes.
    const bytes = Buffer.byteLength(JSON.stringify({ ...item, message })) + (content as Uint8Array).length;
    expect(bytes).toBeLessThan(1024);
    expect(outboxMessageOf(item)).toEqual(mail);
  });
});
