import { Inject, Injectable } from '@nestjs/common';
import { RateLimitedError } from '../common/errors/generic-errors';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';

interface Waiter {
  admit: () => void;
  shed: (error: RateLimitedError) => void;
}

/** A shed sign-in may retry soon: the whole queue drains in well under a second. */
const RETRY_AFTER_SECONDS = 1;

/** Sign-ins in progress per argon2 slot: one does its database work while another hashes. */
const IN_PROGRESS_PER_SLOT = 2;

/**
 * Admission to the argon2 work of signing in: a few in progress at once (twice the argon2 slots) and a short queue behind them, served in turn
 * per client address, so a flood from one address delays another address's sign-in by one turn at most.
 * When the queue (or one address's share of it) is full, the oldest waiting sign-in of the address holding
 * the most places is refused with 429, never the newcomer: a flood that has already arrived cannot keep a
 * colleague out, even one behind the same office address.
 */
@Injectable()
export class LoginQueue {
  private running = 0;
  private waitingCount = 0;
  /** Waiting sign-ins by address; the map's order is the turn order (an address served goes to the back). */
  private readonly waiting = new Map<string, Waiter[]>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async run<T>(address: string, work: () => Promise<T>): Promise<T> {
    await this.admit(address);
    try {
      return await work();
    } finally {
      this.leave();
    }
  }

  private admit(address: string): Promise<void> {
    const { argon2Concurrency, queue, queuePerAddress } = this.config.login;
    if (this.running < argon2Concurrency * IN_PROGRESS_PER_SLOT && this.waitingCount === 0) {
      this.running += 1;
      return Promise.resolve();
    }
    if ((this.waiting.get(address)?.length ?? 0) >= queuePerAddress) this.shedOldestOf(address);
    else if (this.waitingCount >= queue) this.shedOldestOf(this.busiestAddress());
    return new Promise<void>((admit, shed) => {
      const line = this.waiting.get(address);
      if (line) line.push({ admit, shed });
      else this.waiting.set(address, [{ admit, shed }]);
      this.waitingCount += 1;
    });
  }

  /** The slot passes to the first waiter of the address whose turn it is. */
  private leave(): void {
    const next = this.waiting.entries().next();
    if (next.done) {
      this.running -= 1;
      return;
    }
    const [address, line] = next.value;
    const waiter = line.shift()!;
    this.waiting.delete(address);
    if (line.length > 0) this.waiting.set(address, line);
    this.waitingCount -= 1;
    waiter.admit();
  }

  private shedOldestOf(address: string): void {
    const line = this.waiting.get(address)!;
    const waiter = line.shift()!;
    if (line.length === 0) this.waiting.delete(address);
    this.waitingCount -= 1;
    waiter.shed(new RateLimitedError('Too many sign-ins at once; try again in a moment.', RETRY_AFTER_SECONDS));
  }

  private busiestAddress(): string {
    let busiest = '';
    let most = 0;
    for (const [address, line] of this.waiting) {
      if (line.length > most) [busiest, most] = [address, line.length];
    }
    return busiest;
  }
}
