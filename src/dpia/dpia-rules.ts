import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isOpen } from '../accounts/account-lifecycle';
import { Account } from '../accounts/account.entity';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AccountClosedError } from '../accounts/accounts-errors';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { ResourceRules } from '../common/access/resource-rules';
import { DomainError } from '../common/errors/domain-error';
import { SelfSignOffForbiddenError } from './dpia-errors';
import { DPIA_LIFECYCLE, DpiaAction, DpiaState } from './dpia-lifecycle';
import { Dpia } from './dpia.entity';
import { DpiaRepository } from './dpia.repository';

export const DPIA_ACTIONS = ['edit', 'new_version', 'submit', 'approve', 'reject'] as const;
export type DpiaRuleAction = (typeof DPIA_ACTIONS)[number];

/** An account's DPIA as the rules see it: the account (locked inside a transaction) and its newest version. Its id is the account's. */
export interface DpiaTarget {
  id: string;
  account: Account;
  newest: Dpia | null;
}

export const dpiaStateOf = (target: DpiaTarget): DpiaState => target.newest?.status ?? 'not_started';

/** Whether saving opens a new version: before any, or once the newest is signed off or rejected. */
export const opensVersion = (target: DpiaTarget): boolean => DPIA_LIFECYCLE.isFinal(dpiaStateOf(target)) || target.newest === null;

/** What may be done to an account's DPIA (API.md section 7). */
@Injectable()
export class DpiaRules implements ResourceRules<DpiaTarget, DpiaRuleAction, null> {
  readonly type = 'dpia';
  readonly actions = {
    edit: Permission.DpiaEdit,
    new_version: Permission.DpiaNewVersion,
    submit: Permission.DpiaSubmit,
    approve: Permission.DpiaSignOff,
    reject: Permission.DpiaReject,
  } as const;

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly dpias: DpiaRepository,
  ) {}

  /** Locks the account so versions are numbered and signed off one at a time. */
  async load(manager: EntityManager, accountId: string, options: { forUpdate: boolean }): Promise<DpiaTarget | null> {
    const account = options.forUpdate ? await this.accounts.findForUpdate(accountId, manager) : await this.accounts.find(accountId, manager);
    if (!account) return null;
    const newest = await this.dpias.newest(accountId, manager);
    return { id: accountId, account, newest };
  }

  async facts(): Promise<null> {
    return null;
  }

  /** Everyone who may read DPIAs reads every account's (the routes admit admins, managers and the DPO only). */
  visible(): boolean {
    return true;
  }

  refusal(caller: Caller, action: DpiaRuleAction, target: DpiaTarget): DomainError | null {
    if (!isOpen(target.account)) return new AccountClosedError();
    const state = dpiaStateOf(target);
    if (action === 'new_version') return opensVersion(target) ? null : DPIA_LIFECYCLE.refusal(state, 'edit');
    if (action === 'edit') return opensVersion(target) ? DPIA_LIFECYCLE.refusal(state, 'edit') : null;
    const move: DpiaAction = action;
    if (!DPIA_LIFECYCLE.can(state, move)) return DPIA_LIFECYCLE.refusal(state, move);
    const dpia = target.newest!;
    // Whether the version is complete is checked when it is submitted (DpiaService.submit): the form submits
    // what is typed on it, saved first, so a draft version is always offered for submission.
    if (action === 'submit') return null;
    // Four eyes: neither whoever submitted this version nor anyone who wrote part of it signs it off.
    if (dpia.submittedById === caller.staffId || dpia.contributorIds.includes(caller.staffId)) return new SelfSignOffForbiddenError();
    return null;
  }
}
