import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller } from '../auth/caller';
import { ResourceRules } from '../common/access/resource-rules';
import { DomainError } from '../common/errors/domain-error';
import { Transactions } from '../database/transactions';
import { DraftAccess } from '../drafts/draft-access';
import { Draft } from '../drafts/draft.entity';
import { PUBLISHING_DRAFT_ACTIONS, publishingRefusal, PublishingDraftAction } from './publishing-draft-rules';

/**
 * INTERIM, until src/drafts/draft-rules.ts registers the `draft` rules (with PUBLISHING_DRAFT_ACTIONS and
 * publishingRefusal among its actions): then this file and its registration in PublishingModule go.
 * Visibility is DraftAccess's, the refusal is publishing's.
 */
@Injectable()
export class InterimDraftRules implements ResourceRules<Draft, PublishingDraftAction, Set<string>> {
  readonly type = 'draft';
  readonly actions = PUBLISHING_DRAFT_ACTIONS;

  constructor(
    private readonly drafts: DraftAccess,
    private readonly transactions: Transactions,
  ) {}

  load(manager: EntityManager, id: string, options: { forUpdate: boolean }): Promise<Draft | null> {
    return options.forUpdate ? this.transactions.findForUpdate(manager, Draft, id) : manager.getRepository(Draft).findOneBy({ id });
  }

  /** The ids of the rows the caller may see. */
  async facts(manager: EntityManager, caller: Caller, rows: Draft[]): Promise<Set<string>> {
    const seen = new Set<string>();
    for (const row of rows) if (await this.drafts.canSee(manager, caller, row)) seen.add(row.id);
    return seen;
  }

  visible(_caller: Caller, row: Draft, seen: Set<string>): boolean {
    return seen.has(row.id);
  }

  refusal(_caller: Caller, action: PublishingDraftAction, row: Draft): DomainError | null {
    return publishingRefusal(action, row);
  }
}
