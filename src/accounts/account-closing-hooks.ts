import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Account } from './account.entity';

export interface AccountClosingEvent {
  account: Account;
  actorId: string;
  reason: string;
}

/**
 * Something another module must do when an account closes (drafts: withdraw the unpublished ones).
 * It runs inside the closing transaction, so a failure undoes the close; what it returns is added
 * to the details of the one `account.closed` audit entry (e.g. `{ withdrawnDrafts: [ids] }`).
 */
export interface AccountClosingHook {
  onAccountClosing(manager: EntityManager, event: AccountClosingEvent): Promise<Record<string, unknown> | void>;
}

/** Modules register from their own onModuleInit, so accounts never import them (no cycle). */
@Injectable()
export class AccountClosingHooks {
  private readonly hooks: AccountClosingHook[] = [];

  register(hook: AccountClosingHook): void {
    if (!this.hooks.includes(hook)) this.hooks.push(hook);
  }

  async run(manager: EntityManager, event: AccountClosingEvent): Promise<Record<string, unknown>> {
    const details: Record<string, unknown> = {};
    for (const hook of this.hooks) Object.assign(details, (await hook.onAccountClosing(manager, event)) ?? {});
    return details;
  }
}
