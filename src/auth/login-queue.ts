import { Inject, Injectable } from '@nestjs/common';
import { RateLimitedError } from '../common/errors/generic-errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';

interface Waiter {
  address: string;
  admit: () => void;
  shed: (error: RateLimitedError) => void;
}

/** A shed sign-in may retry soon: the whole queue drains in well under a second. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Admission to the argon2 work of signing in: a few at once, a short queue behind them, and a bound per
 * client address. When the queue (or one address's share of it) is full, the oldest waiting sign-in of
 * the address holding the most places is refused with 429, never the newcomer: a flood that has already
 * arrived cannot keep a colleague out, even one behind the same office address.
 */
@Injectable()
export class LoginQueue {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  private readonly waitingByAddress = new Map<string, number>();

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
    if (this.running < argon2Concurrency && this.waiting.length === 0) {
      this.running += 1;
      return Promise.resolve();
    }
    if ((this.waitingByAddress.get(address) ?? 0) >= queuePerAddress) this.shedOldestOf(address);
    else if (this.waiting.length >= queue) this.shedOldestOf(this.busiestAddress());
    return new Promise<void>((admit, shed) => {
      this.waiting.push({ address, admit, shed });
      this.waitingByAddress.set(address, (this.waitingByAddress.get(address) ?? 0) + 1);
    });
  }

  private leave(): void {
    const next = this.waiting.shift();
    if (!next) {
      this.running -= 1;
      return;
    }
    this.forget(next.address);
    next.admit();
  }

  private shedOldestOf(address: string): void {
    const index = this.waiting.findIndex((waiter) => waiter.address === address);
    const [shed] = this.waiting.splice(index, 1);
    this.forget(address);
    shed.shed(new RateLimitedError('Too many sign-ins at once; try again in a moment.', RETRY_AFTER_SECONDS));
  }

  private busiestAddress(): string {
    let busiest = '';
    let most = 0;
    for (const [address, count] of this.waitingByAddress) {
      if (count > most) [busiest, most] = [address, count];
    }
    return busiest;
  }

  private forget(address: string): void {
    const left = (this.waitingByAddress.get(address) ?? 1) - 1;
    if (left === 0) this.waitingByAddress.delete(address);
    else this.waitingByAddress.set(address, left);
  }
}
