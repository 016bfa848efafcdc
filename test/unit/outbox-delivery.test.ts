/** The outbox's rules for failed sends (permanent or not, the backoff) and its send-rate token bucket, on a fake clock. */
import { describe, expect, it } from 'vitest';
import { classifyMailError, RETRY_BASE_MS, RETRY_MAX_MS, retryDelayMs } from '../../shared/outbox/delivery-failure.js';
import { type Clock, TokenBucket } from '../../shared/outbox/send-rate.js';

const named = (name: string, message = 'text') => Object.assign(new Error(message), { name });

describe('failed sends', () => {
  it.each(['MessageRejected', 'MailFromDomainNotVerifiedException', 'InvalidParameterValue'])('%s is permanent', (name) => {
    expect(classifyMailError(named(name, 'why'))).toEqual({ permanent: true, reason: `${name}: why` });
  });

  it.each(['Throttling', 'ServiceUnavailable', 'InternalFailure', 'TimeoutError', 'AccountSendingPausedException', 'ECONNRESET'])(
    '%s is retried',
    (name) => {
      expect(classifyMailError(named(name)).permanent).toBe(false);
    },
  );

  it('keeps the reason short enough to store and list', () => {
    expect(classifyMailError(named('Throttling', 'x'.repeat(2000))).reason).toHaveLength(500);
    expect(classifyMailError('not an error').reason).toBe('Error');
  });

  it('backs off exponentially from 30 s to an hour, a random half taken off', () => {
    expect(retryDelayMs(1, () => 1)).toBe(RETRY_BASE_MS);
    expect(retryDelayMs(1, () => 0)).toBe(RETRY_BASE_MS / 2);
    expect(retryDelayMs(2, () => 1)).toBe(2 * RETRY_BASE_MS);
    expect(retryDelayMs(5, () => 1)).toBe(16 * RETRY_BASE_MS);
    expect(retryDelayMs(9, () => 1)).toBe(RETRY_MAX_MS);
    expect(retryDelayMs(30, () => 0)).toBe(RETRY_MAX_MS / 2);
    const spread = new Set(Array.from({ length: 50 }, () => retryDelayMs(3)));
    expect(spread.size).toBeGreaterThan(10);
    for (const delay of spread) expect(delay).toBeGreaterThanOrEqual(2 * RETRY_BASE_MS);
  });
});

/** A clock that only moves when someone sleeps. */
function fakeClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe('send rate (token bucket)', () => {
  it('lets a full bucket go at once, then one send per 1/rate seconds, in order', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(14, 14, clock);
    const order: number[] = [];
    await Promise.all(Array.from({ length: 42 }, (_, i) => bucket.take().then(() => order.push(i))));
    expect(order).toEqual(Array.from({ length: 42 }, (_, i) => i));
    // 14 from the full bucket, 28 more at 14 a second: two seconds in all.
    expect(clock.now()).toBeGreaterThanOrEqual(2000);
    expect(clock.now()).toBeLessThanOrEqual(2000 + 28);
    expect(clock.slept).toHaveLength(28);
  });

  it('refills with time up to its capacity, and takes back an unused token', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(1, 1, clock);
    await bucket.take();
    await bucket.take();
    expect(clock.now()).toBe(1000);
    bucket.giveBack();
    await bucket.take();
    expect(clock.now()).toBe(1000);
    await clock.sleep(10_000);
    await bucket.take();
    await bucket.take();
    expect(clock.now()).toBe(12_000);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new TokenBucket(0)).toThrow(/positive/);
  });
});
