import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, hasRole } from '../auth/caller';
import { AuthorisationsService } from '../authorisations/authorisations.service';
import { NotFoundError } from '../common/errors/generic-errors';
import { ConsentRequest } from '../consent/consent-request.entity';
import { Transactions } from '../database/transactions';
import { Draft } from './draft.entity';

/**
 * Who may see a draft: managers and admins, its owner, its author (while they are staff, which
 * signing in already proves), staff authorised on its account now, and colleagues it asks for
 * consent. Anyone else gets 404.
 */
@Injectable()
export class DraftAccess {
  constructor(
    private readonly authorisations: AuthorisationsService,
    private readonly transactions: Transactions,
  ) {}

  seesAll(caller: Caller): boolean {
    return hasRole(caller, 'manager', 'admin');
  }

  async canSee(manager: EntityManager, caller: Caller, draft: Draft): Promise<boolean> {
    if (this.seesAll(caller) || draft.ownerId === caller.staffId || draft.authorId === caller.staffId) return true;
    if (await this.authorisations.isAuthorised(manager, draft.accountId, caller.staffId)) return true;
    // A colleague asked for consent must be able to see what they are consenting to.
    return manager.getRepository(ConsentRequest).existsBy({ draftId: draft.id, staffId: caller.staffId, active: true });
  }

  /** The draft, locked against concurrent changes until the transaction ends, or 404. */
  async requireVisibleForUpdate(manager: EntityManager, caller: Caller, id: string): Promise<Draft> {
    const draft = await this.transactions.findForUpdate(manager, Draft, id);
    if (!draft || !(await this.canSee(manager, caller, draft))) throw new NotFoundError('draft');
    return draft;
  }

  async requireVisible(manager: EntityManager, caller: Caller, id: string): Promise<Draft> {
    const draft = await manager.getRepository(Draft).findOneBy({ id });
    if (!draft || !(await this.canSee(manager, caller, draft))) throw new NotFoundError('draft');
    return draft;
  }
}
