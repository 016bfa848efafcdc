/**
 * Mail sends held to the account's SES sending rate: a token bucket that every send of this process takes a token
 * from before it calls SES, so a sweep of hundreds of waiting mails goes out at the quota instead of as a burst of
 * throttled calls. The rate is the setting SES_MAX_SEND_RATE (mails per second; the quota SES grants the account,
 * 1 in the sandbox), divided among the processes that send (docs/deploy.md).
 */

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

export class TokenBucket {
  private tokens: number;
  private refilledAt: number;
  /** Takers are served one after the other, in the order they asked. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly ratePerSecond: number,
    readonly capacity: number = Math.max(1, ratePerSecond),
    private readonly clock: Clock = realClock,
  ) {
    if (!(ratePerSecond > 0)) throw new Error(`A send rate must be positive, not ${ratePerSecond}`);
    this.tokens = capacity;
    this.refilledAt = clock.now();
  }

  /** Resolves when the caller may send one mail. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.wait());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Returns a token that was taken for a send that did not happen (the message was not ours to send). */
  giveBack(): void {
    this.refill();
    this.tokens = Math.min(this.capacity, this.tokens + 1);
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.refilledAt) / 1000) * this.ratePerSecond);
    this.refilledAt = now;
  }

  private async wait(): Promise<void> {
    this.refill();
    if (this.tokens < 1) {
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000));
      this.refill();
    }
    this.tokens -= 1;
  }
}

/** SES's default production quota is 14 mails per second. */
export const DEFAULT_SEND_RATE = 14;

let bucket: TokenBucket | undefined;
/** The bucket of this process, made on the first send at the configured rate. */
export function mailSendSlots(): TokenBucket {
  if (!bucket) {
    const configured = Number(process.env.SES_MAX_SEND_RATE ?? DEFAULT_SEND_RATE);
    bucket = new TokenBucket(Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_SEND_RATE);
  }
  return bucket;
}
