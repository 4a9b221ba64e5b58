import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry } from '../../audit/audit-entry.entity';
import { WritePath } from '../../common/write-path/write-path';
import { Caller } from '../caller';
import { Permission } from '../permissions';
import { Access } from '../../common/access/access.service';
import { Clock } from '../../common/clock';
import { newId } from '../../common/ids';
import { addMs, HOUR, MINUTE } from '../../common/time';
import { Transactions } from '../../common/database/transactions';
import { StaffMember } from '../../staff/staff.entity';
import { StaffRepository } from '../../staff/staff.repository';
import { MailOutboxWriter } from '../../tasks/mail/mail-outbox-writer';
import { Passwords } from '../passwords';
import { SessionsService } from '../sessions.service';
import { hashToken, newToken } from '../tokens';
import { ResetTokenInvalidError } from './password-reset-errors';
import { resetMail } from './password-reset-mail';
import { PasswordResetRepository } from './password-reset.repository';
import { emailKeyOf } from '../../staff/email-key';

export const RESET_LINK_MS = 30 * MINUTE;
export const RESET_MAILS_PER_HOUR = 3;

/**
 * Password reset by email. The request does the same work whoever asks (one row written), and everything
 * that depends on whether the address is known happens afterwards, off the request, so neither the answer
 * nor its timing tells anyone whether the address belongs to a colleague.
 */
@Injectable()
export class PasswordResetService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(PasswordResetService.name);
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly passwords: Passwords,
    private readonly sessions: SessionsService,
    private readonly writer: MailOutboxWriter,
    private readonly resets: PasswordResetRepository,
    private readonly staffRows: StaffRepository,
    private readonly access: Access,
  ) {}

  async request(email: string): Promise<void> {
    const emailKey = emailKeyOf(email);
    const requestId = newId();
    const requested = await this.transactions.run(async (manager) => {
      await this.resets.addRequest({ id: requestId, emailKey, at: this.clock.nowIso(), emailed: false });
      return this.writePath.record(manager, { actorId: null, action: 'auth.password_reset_requested', subjectType: 'password_reset_request', subjectId: requestId });
    });
    const work = this.transactions
      .run((manager) => this.mailIfKnown(manager, requestId, emailKey, requested))
      .catch((error) => this.logger.error({ err: error }, 'Password reset mail not queued'));
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Resolves when every reset asked for so far has been handled (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  /** An admin sends the same email, e.g. for the first password of someone created through SCIM. */
  async sendFor(caller: Caller, staffId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      // Refused to anyone without access now (staff-rules.ts, `reset_password`).
      const staff = await this.access.require<StaffMember>(caller, Permission.StaffPasswordReset, staffId, manager);
      const requestId = newId();
      await this.resets.addRequest({ id: requestId, emailKey: emailKeyOf(staff.email), at: this.clock.nowIso(), emailed: false });
      const sent = await this.mayMail(staff);
      // The admin's entry first: the mail's own entry follows from it.
      const entry = await this.writePath.record(manager, { actorId: caller.staffId, action: 'staff.password_reset_sent', subjectType: 'staff', subjectId: staff.id, details: { sent } });
      if (sent) await this.issue(manager, requestId, staff, true, entry);
    });
  }

  async confirm(token: string, newPassword: string): Promise<void> {
    const passwordHash = await this.passwords.hash(newPassword);
    await this.transactions.run(async (manager) => {
      const nowIso = this.clock.nowIso();
      const row = await this.resets.tokenForUpdate(hashToken(token));
      if (!row || row.usedAt !== null || row.expiresAt <= nowIso) throw new ResetTokenInvalidError();
      const staff = await this.staffRows.findById(row.staffId);
      if (!staff || !staff.hasAccessAt(nowIso)) throw new ResetTokenInvalidError();
      // Every link of that person dies with this one.
      await this.resets.useAllOf(staff.id, nowIso);
      await this.staffRows.updateFields(staff.id, { passwordHash, updatedAt: nowIso });
      const sessionsRevoked = await this.sessions.revokeAll(manager, staff.id);
      await this.writePath.record(manager, { actorId: staff.id, action: 'auth.password_reset', subjectType: 'staff', subjectId: staff.id, details: { sessionsRevoked } });
    });
  }

  /** Finishes the request after its answer (so the answer does not tell whether the address is known); its entry follows from the request's. */
  private async mailIfKnown(manager: EntityManager, requestId: string, emailKey: string, requested: AuditEntry): Promise<void> {
    const staff = await this.staffRows.findByEmailKey(emailKey);
    if (!staff || !staff.hasAccessAt(this.clock.nowIso())) return;
    if (!(await this.mayMail(staff))) return;
    await this.issue(manager, requestId, staff, false, requested);
    await this.writePath.record(manager, { actorId: null, action: 'auth.password_reset_sent', subjectType: 'staff', subjectId: staff.id, cause: requested });
  }

  /** Whether this address may have another email: not when it had its three this hour. */
  private async mayMail(staff: StaffMember): Promise<boolean> {
    const nowIso = this.clock.nowIso();
    // The person's row is the turnstile: concurrent requests for one address count each other's mail.
    await this.staffRows.findForUpdate(staff.id);
    const recent = await this.resets.mailedSince(emailKeyOf(staff.email), addMs(nowIso, -HOUR));
    return recent < RESET_MAILS_PER_HOUR;
  }

  /** A fresh link on its way (the caller checked `mayMail` in this transaction); the mail's entry follows from `cause`. */
  private async issue(manager: EntityManager, requestId: string, staff: StaffMember, firstPassword: boolean, cause: AuditEntry): Promise<void> {
    const nowIso = this.clock.nowIso();
    const token = newToken();
    const expiresAt = addMs(nowIso, RESET_LINK_MS);
    await this.resets.addToken({ id: newId(), staffId: staff.id, tokenHash: hashToken(token), createdAt: nowIso, expiresAt, usedAt: null });
    await this.resets.markEmailed(requestId);
    await this.writer.enqueue(manager, {
      kind: 'password_reset',
      toAddress: staff.email,
      recipientStaffId: staff.id,
      notificationId: null,
      content: resetMail(this.writer.link(`/reset-password#token=${token}`), firstPassword),
      giveUpAt: expiresAt,
    }, cause);
  }
}
