import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { Clock } from '../../common/clock';
import { WritePath } from '../../common/write-path/write-path';
import { addMs, HOUR, MINUTE } from '../../common/time';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { Transactions } from '../../common/database/transactions';
import { NotificationsRepository } from '../notifications/notifications.repository';
import { MAIL_LIFECYCLE, MailAction } from './mail-lifecycle';
import { MailOutbox } from './mail-outbox.entity';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailTransport } from './mail-transport';

const BATCH = 20;
/** A claim outlives any one SMTP exchange; a worker that died mid-send frees its rows after it. */
const CLAIM_MS = 5 * MINUTE;

export interface DispatchResult {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Sends the outbox. Each row is claimed by one conditional update, so several workers never send it twice;
 * a refused or unreachable server leaves it for a later attempt (doubling waits, at most an hour) until its
 * give-up time, when its notification records the failure. Sent rows keep their subject, not their body.
 */
@Injectable()
export class MailDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailDispatcher.name);
  private readonly instance = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly outbox: MailOutboxRepository,
    private readonly notifications: NotificationsRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.mail.smtp || this.config.role === 'api' || this.config.mail.pollMs === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.dispatchDue()
        .catch((error) => this.logger.warn({ err: error }, 'Mail dispatch failed'))
        .finally(() => (this.running = null));
    }, this.config.mail.pollMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Sends what is due now; returns what became of it. */
  async dispatchDue(): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, retrying: 0, failed: 0 };
    const nowIso = this.clock.nowIso();
    const due = await this.outbox.due(nowIso, BATCH);
    for (const row of due) {
      if (!(await this.claim(row, nowIso))) continue;
      result[await this.attempt(row)] += 1;
    }
    return result;
  }

  private async claim(row: MailOutbox, nowIso: string): Promise<boolean> {
    // Writes go through Transactions: on SQLite a bare write could land inside another request's transaction.
    return this.transactions.run(() => this.outbox.claim(row.id, this.instance, addMs(nowIso, CLAIM_MS), nowIso));
  }

  private async attempt(row: MailOutbox): Promise<keyof DispatchResult> {
    try {
      await this.transport.send({ to: row.toAddress, subject: row.subject, text: row.text, html: row.html });
    } catch (error) {
      return this.failed(row, error as Error & { responseCode?: number });
    }
    await this.finish(row, 'send', { sentAt: this.clock.nowIso() });
    return 'sent';
  }

  private async failed(row: MailOutbox, error: Error & { responseCode?: number }): Promise<keyof DispatchResult> {
    const nowIso = this.clock.nowIso();
    const attempts = row.attempts + 1;
    // A 5xx answer is the server's final word (no such mailbox); anything else may pass later.
    const permanent = typeof error.responseCode === 'number' && error.responseCode >= 500;
    const nextAttemptAt = addMs(nowIso, Math.min(this.config.mail.retryBaseMs * 2 ** (attempts - 1), HOUR));
    const detail = `${error.responseCode ?? ''} ${error.message}`.trim().slice(0, 500);
    if (permanent || nextAttemptAt > row.giveUpAt) {
      this.logger.warn({ mailId: row.id, attempts, detail }, 'Mail given up');
      await this.finish(row, 'fail', { attempts, lastError: detail });
      return 'failed';
    }
    await this.transactions.run(() => this.outbox.release(row.id, this.instance, { attempts, nextAttemptAt, lastError: detail }));
    return 'retrying';
  }

  /** Sent or given up: the body goes (it may hold a reset link); the entry names whom and what kind, never the content. */
  private async finish(row: MailOutbox, action: MailAction, fields: Partial<MailOutbox>): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.writePath.transition(manager, MAIL_LIFECYCLE, row, action, {
        actorId: null,
        set: { ...fields, text: '', html: '', claimedBy: null, claimedUntil: null },
        details: { recipientStaffId: row.recipientStaffId, kind: row.kind },
      });
      const status = row.status;
      if (row.notificationId) await this.notifications.setEmailStatus([row.notificationId], status, manager);
      // A digest speaks for every notification it listed.
      else if (row.kind === 'digest' && row.recipientStaffId) await this.notifications.settleDigestOf(row.recipientStaffId, row.createdAt, status, manager);
    });
  }
}
