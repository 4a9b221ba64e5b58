import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller } from '../auth/caller';
import { AuthorisationsService } from '../authorisations/authorisations.service';
import { ConsentRequest } from '../consent/consent-request.entity';
import { seesDraft } from './draft-rules';
import { Draft } from './draft.entity';

/**
 * Whether a caller may see a draft, for code that holds the row already (removal requests); the rule
 * itself is draft-rules.ts. Everything else asks `Access`.
 */
@Injectable()
export class DraftAccess {
  constructor(private readonly authorisations: AuthorisationsService) {}

  async canSee(manager: EntityManager, caller: Caller, draft: Draft): Promise<boolean> {
    if (seesDraft(caller, draft, { authorisedAccountIds: new Set(), consentAskedOf: new Set() })) return true;
    const authorised = await this.authorisations.isAuthorised(manager, draft.accountId, caller.staffId);
    const asked = !authorised && (await manager.getRepository(ConsentRequest).existsBy({ draftId: draft.id, staffId: caller.staffId, active: true }));
    return seesDraft(caller, draft, { authorisedAccountIds: new Set(authorised ? [draft.accountId] : []), consentAskedOf: new Set(asked ? [draft.id] : []) });
  }
}
