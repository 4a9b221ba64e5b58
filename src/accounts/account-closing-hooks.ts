import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Account } from './account.entity';

export interface AccountClosingEvent {
  account: Account;
  actorId: string;
  reason: string;
  /** The account's own `account.closed` entry: every entry a hook writes follows from it. */
  cause: AuditEntry;
}

/**
 * Something another module must do when an account closes (drafts: withdraw the unpublished ones).
 * It runs inside the closing transaction, after the account reads closed and its entry is written, so a
 * failure undoes the close. `planAccountClosing` says beforehand what it will do (e.g. `{ withdrawnDrafts: [ids] }`,
 * before the account moves), so the one `account.closed` entry names it.
 */
export interface AccountClosingHook {
  planAccountClosing?(manager: EntityManager, account: Account): Promise<Record<string, unknown>>;
  onAccountClosing(manager: EntityManager, event: AccountClosingEvent): Promise<Record<string, unknown> | void>;
}

/** Modules register from their own onModuleInit, so accounts never import them (no cycle). */
@Injectable()
export class AccountClosingHooks {
  private readonly hooks: AccountClosingHook[] = [];

  register(hook: AccountClosingHook): void {
    if (!this.hooks.includes(hook)) this.hooks.push(hook);
  }

  /** What every hook will do, for the account's entry. */
  async plan(manager: EntityManager, account: Account): Promise<Record<string, unknown>> {
    const details: Record<string, unknown> = {};
    for (const hook of this.hooks) Object.assign(details, (await hook.planAccountClosing?.(manager, account)) ?? {});
    return details;
  }

  async run(manager: EntityManager, event: AccountClosingEvent): Promise<void> {
    for (const hook of this.hooks) await hook.onAccountClosing(manager, event);
  }
}
