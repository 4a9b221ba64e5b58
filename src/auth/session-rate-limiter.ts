import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { RateLimitedError } from '../common/errors/generic-errors';
import { Clock } from '../common/clock';

/**
 * A per-session request budget (a fixed one-minute window), kept in memory: many care staff may
 * share one office address, so limiting by IP would lock out colleagues.
 */
@Injectable()
export class SessionRateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  take(sessionId: string): void {
    const now = this.clock.now().getTime();
    const window = this.windows.get(sessionId);
    if (!window || now - window.startedAt >= 60_000) {
      if (this.windows.size > 10_000) this.evictExpired(now);
      this.windows.set(sessionId, { startedAt: now, count: 1 });
      return;
    }
    window.count += 1;
    if (window.count > this.config.rateLimitPerMinute) {
      throw new RateLimitedError('Too many requests from this session; slow down.', Math.ceil((window.startedAt + 60_000 - now) / 1000));
    }
  }

  private evictExpired(now: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= 60_000) this.windows.delete(key);
  }
}
