import { accountPublishable } from '../accounts/account-lifecycle';
import { dpiaInForceAt } from '../dpia/dpia-lifecycle';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccountsRepository } from '../accounts/accounts.repository';
import { DraftApprovalsRepository } from '../publishing/draft-approvals.repository';
import type { Caller } from '../auth/caller';
import { Permission, rolesGrant } from '../auth/permissions';
import { AuthorisationsService } from '../authorisations/authorisations.service';
import { Clock } from '../common/clock';
import { ConsentService, ConsentState } from '../consent/consent.service';
import { blocks, Finding } from '../content-checks/finding';
import { Dpia } from '../dpia/dpia.entity';
import { DpiaRepository } from '../dpia/dpia.repository';
import { PolicyService } from '../policy/policy.service';
import { DraftChecks } from './draft-checks';
import { DRAFT_LIFECYCLE } from './draft-lifecycle';
import { DraftRevision } from './draft-revision.entity';
import { Draft } from './draft.entity';
import { DraftsRepository } from './drafts.repository';

/** What the draft rules need beyond the rows, for one caller and one page of drafts. */
export interface DraftFacts {
  /** Accounts the caller holds an authorisation on now. */
  authorisedAccountIds: ReadonlySet<string>;
  /** Drafts that ask the caller for consent (so they may see what they consent to). */
  consentAskedOf: ReadonlySet<string>;
  /** The policy version in effect that the caller has not acknowledged, or null. */
  unacknowledgedPolicy: string | null;
  /** Drafts whose current revision shows the caller. */
  depicting: ReadonlySet<string>;
  /** Drafts whose current revision the caller has approved (the approval not voided). */
  approvedByCaller: ReadonlySet<string>;
  /** Accounts that can publish now (active, a DPIA in force, working credentials when live). */
  publishableAccountIds: ReadonlySet<string>;
  consent: ReadonlyMap<string, ConsentState>;
  /** The checks run afresh (word lists change), where they decide a submit or an approval; blocking findings only. */
  blockingFindings: ReadonlyMap<string, Finding[]>;
}

/**
 * Loads the draft rules' facts in a fixed number of queries whatever the page size. What only a
 * manager's actions need is loaded only for a caller whose roles grant them.
 */
@Injectable()
export class DraftRuleFacts {
  constructor(
    private readonly authorisations: AuthorisationsService,
    private readonly policy: PolicyService,
    private readonly consent: ConsentService,
    private readonly checks: DraftChecks,
    private readonly clock: Clock,
    private readonly drafts: DraftsRepository,
    private readonly approvals: DraftApprovalsRepository,
    private readonly accounts: AccountsRepository,
    private readonly dpias: DpiaRepository,
  ) {}

  async load(manager: EntityManager, caller: Caller, drafts: Draft[]): Promise<DraftFacts> {
    const draftIds = drafts.map((draft) => draft.id);
    const reviews = rolesGrant(caller.roles, Permission.DraftApprove) || rolesGrant(caller.roles, Permission.DraftConfirm);
    // One after another: inside a transaction they share one connection.
    const authorisedAccountIds = await this.authorisations.authorisedAccountIds(manager, caller.staffId);
    const consentAskedOf = await this.consent.askedOf(manager, caller.staffId, draftIds);
    const unacknowledgedPolicy = await this.policy.unacknowledgedBy(manager, caller.staffId);
    const revisions = await this.revisions(drafts);
    const depicting = new Set(drafts.filter((draft) => revisions.get(draft.id)?.media.some((item) => item.depicts.staffIds.includes(caller.staffId))).map((draft) => draft.id));
    const approvedByCaller = reviews ? await this.approvedBy(caller, drafts) : new Set<string>();
    const publishableAccountIds = reviews ? await this.publishable(drafts) : new Set<string>();
    const consent = reviews ? await this.consent.stateOf(manager, draftIds) : new Map<string, ConsentState>();
    // Fresh checks only where they decide: the owner's submit, a reviewer's approval.
    const checked = drafts.filter(
      (draft) =>
        (draft.ownerId === caller.staffId && DRAFT_LIFECYCLE.can(draft.status, 'submit')) ||
        (reviews && DRAFT_LIFECYCLE.can(draft.status, 'approve_now') && caller.staffId !== draft.authorId && caller.staffId !== draft.ownerId),
    );
    return {
      authorisedAccountIds: new Set(authorisedAccountIds),
      consentAskedOf,
      unacknowledgedPolicy,
      depicting,
      approvedByCaller,
      publishableAccountIds,
      consent,
      blockingFindings: await this.blockingFindings(manager, checked, revisions),
    };
  }

  private async revisions(drafts: Draft[]): Promise<Map<string, DraftRevision>> {
    if (drafts.length === 0) return new Map();
    const rows = await this.drafts.revisionsByIds(drafts.map((draft) => draft.currentRevisionId));
    return new Map(rows.map((row) => [row.draftId, row]));
  }

  private async approvedBy(caller: Caller, drafts: Draft[]): Promise<Set<string>> {
    const rows = await this.approvals.standingBy(caller.staffId, drafts.map((d) => d.id));
    const current = new Map(drafts.map((draft) => [draft.id, draft.currentRevisionId]));
    return new Set(rows.filter((row) => current.get(row.draftId) === row.revisionId).map((row) => row.draftId));
  }

  /** AccountsService.isPublishable for every account of the page: the newest approved DPIA is the one that may be in force. */
  private async publishable(drafts: Draft[]): Promise<Set<string>> {
    const accountIds = [...new Set(drafts.map((draft) => draft.accountId))];
    if (accountIds.length === 0) return new Set();
    const accounts = await this.accounts.findByIds(accountIds);
    const approved = await this.dpias.approvedOf(accountIds);
    const newestApproved = new Map<string, Dpia>();
    for (const dpia of approved) if (!newestApproved.has(dpia.accountId)) newestApproved.set(dpia.accountId, dpia);
    const now = this.clock.nowIso();
    return new Set(accounts.filter((account) => accountPublishable(account, ((dpia) => (dpia ? dpiaInForceAt(dpia, now) : false))(newestApproved.get(account.id)))).map((account) => account.id));
  }

  private async blockingFindings(manager: EntityManager, drafts: Draft[], revisions: Map<string, DraftRevision>): Promise<Map<string, Finding[]>> {
    if (drafts.length === 0) return new Map();
    const platforms = new Map(
      (await this.accounts.findByIds([...new Set(drafts.map((d) => d.accountId))], ['id', 'platform'])).map((a) => [a.id, a.platform]),
    );
    const present = drafts.filter((draft) => revisions.has(draft.id) && platforms.has(draft.accountId));
    const findings = await this.checks.checkMany(
      manager,
      present.map((draft) => ({ platform: platforms.get(draft.accountId)!, content: revisions.get(draft.id)! })),
    );
    return new Map(present.map((draft, i) => [draft.id, findings[i]] as const).filter(([, found]) => blocks(found)));
  }
}
