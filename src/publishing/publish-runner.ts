import { Inject, Injectable } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { EntityManager } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AccountsService } from '../accounts/accounts.service';
import { CredentialVault } from '../accounts/vault/credential-vault';
import { accessTokenExpiry, sealRefreshed } from '../accounts/vault/token-expiry';
import { CredentialsUnreadableError } from '../accounts/vault/vault-errors';
import { DraftApprovalsRepository } from './draft-approvals.repository';
import { PublishOutboxRepository } from './publish-outbox.repository';
import { Clock } from '../common/clock';
import { WritePath } from '../common/write-path/write-path';
import { ConsentService } from '../consent/consent.service';
import { newId } from '../common/ids';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { Transactions } from '../common/database/transactions';
import { DRAFT_LIFECYCLE, DraftAction } from '../drafts/draft-lifecycle';
import { DraftRevision } from '../drafts/draft-revision.entity';
import { Draft } from '../drafts/draft.entity';
import { DraftsRepository } from '../drafts/drafts.repository';
import { HANDED_OVER_STATES } from './handed-over';
import { PlatformClients } from './platforms/platform-clients';
import { PublishOutcome, PublishRequest, RefreshedCredentials } from './platforms/platform-client';
import { HELD_APPROVAL_VOID, HELD_CONSENT_OUTSTANDING, HELD_NOT_PUBLISHABLE, OUTCOME_UNKNOWN } from './publish-failure';
import { PublishAttempt } from './publish-attempt.entity';
import { PublishAttemptsRepository } from './publish-attempts.repository';
import { PublishJobData } from './publish-job';
import { PostMaterials } from './post-materials';
import { SandboxPostsRepository } from './sandbox-posts.repository';

const LEDGER_OUTCOME: Record<PublishOutcome['kind'], PublishAttempt['outcome']> = {
  published: 'published',
  refused: 'refused',
  rate_limited: 'rate_limited',
  not_created_retryable: 'not_created',
  unknown: 'unknown',
};

/** Rate limits are retried, at most this many calls per revision and manager retry. */
export const MAX_PUBLISH_ATTEMPTS = 5;

type WorkerAction = Extract<DraftAction, 'hold' | 'start_publishing' | 'mark_published' | 'mark_failed' | 'mark_unconfirmed'>;

type Claim =
  | { kind: 'skip' }
  | { kind: 'go' | 'lookup'; attemptId: string; request: PublishRequest; account: Account; revision: DraftRevision; definiteAttempts: number };
type Going = Extract<Claim, { kind: 'go' | 'lookup' }>;

/**
 * Publishes one approved revision, at most once: the checks and an in-flight ledger row are committed
 * before the platform is called, and the outcome is recorded after. A run that finds a call in flight
 * (its worker died, or the answer was lost) never calls again: the post becomes `unconfirmed`.
 */
@Injectable()
export class PublishRunner {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly writePath: WritePath,
    private readonly accounts: AccountsService,
    private readonly vault: CredentialVault,
    private readonly clients: PlatformClients,
    private readonly materials: PostMaterials,
    private readonly consent: ConsentService,
    private readonly drafts: DraftsRepository,
    private readonly attempts: PublishAttemptsRepository,
    private readonly approvals: DraftApprovalsRepository,
    private readonly outbox: PublishOutboxRepository,
    private readonly sandboxPosts: SandboxPostsRepository,
    private readonly accountRows: AccountsRepository,
  ) {}

  /** BullMQ's handler: a retry the attempt asks for moves the job to delayed. */
  async run(job: Job<PublishJobData>, token?: string): Promise<void> {
    const retryInMs = await this.attempt(job.data);
    if (retryInMs !== null && token) {
      // BullMQ compares with real time, not the business clock (which tests move).
      await job.moveToDelayed(Date.now() + retryInMs, token);
      throw new DelayedError();
    }
  }

  /** One run of a publishing job; returns in how many ms it should run again (a rate limit with attempts left), or null. */
  async attempt(data: PublishJobData): Promise<number | null> {
    const claim = await this.transactions.run((manager) => this.claim(manager, data));
    if (claim.kind === 'skip') return null;
    if (claim.kind === 'lookup') {
      // A call was in flight when its run ended: never call again, but the post may be found.
      await this.lookForPost(data, claim);
      return null;
    }

    let outcome: PublishOutcome;
    try {
      outcome = await this.clients.for(claim.account).publish(claim.request);
    } catch (error) {
      // A client bug after sending is indistinguishable from a lost answer.
      outcome = { kind: 'unknown', message: (error as Error).message };
    }
    const retryInMs = await this.transactions.run((manager) => this.record(manager, data, claim, outcome));
    if (outcome.kind === 'unknown') await this.lookForPost(data, claim);
    return retryInMs;
  }

  private async claim(manager: EntityManager, data: PublishJobData): Promise<Claim> {
    const draft = await this.drafts.findForUpdate(data.draftId);
    if (!draft || draft.currentRevisionId !== data.revisionId || !DRAFT_LIFECYCLE.is(draft, ...HANDED_OVER_STATES)) return { kind: 'skip' };

    const leftOver = await this.attempts.unsettledFor(data.revisionId);
    const account = await this.accountRows.findOrFail(draft.accountId);
    if (leftOver) {
      await this.attempts.settle(leftOver.id, { outcome: 'unknown', finishedAt: leftOver.finishedAt ?? this.clock.nowIso() });
      if (!DRAFT_LIFECYCLE.is(draft, 'publishing')) return { kind: 'skip' };
      await this.transition(manager, draft, 'mark_unconfirmed', OUTCOME_UNKNOWN('a previous attempt did not finish'));
      // The lookup is a courtesy; unreadable credentials must not undo the transition.
      const prepared = await this.prepare(manager, account, data.revisionId, leftOver.id).catch(() => null);
      return prepared ? { ...prepared, kind: 'lookup' } : { kind: 'skip' };
    }

    if (!(await this.accounts.isPublishable(manager, account.id))) {
      await this.transition(manager, draft, 'hold', HELD_NOT_PUBLISHABLE(`the account “${account.name}” is not publishable now`));
      return { kind: 'skip' };
    }
    const approvals = await this.approvals.standingFor(draft.id, data.revisionId);
    if (new Set(approvals.map((approval) => approval.managerId)).size < account.requiredApprovals) {
      await this.transition(manager, draft, 'hold', HELD_APPROVAL_VOID);
      return { kind: 'skip' };
    }
    // A colleague may refuse after the approval; the draft row lock orders their decision and this check.
    const consent = (await this.consent.stateOf(manager, [draft.id])).get(draft.id)!;
    if (consent.pending > 0 || consent.refused > 0) {
      await this.transition(manager, draft, 'hold', HELD_CONSENT_OUTSTANDING);
      return { kind: 'skip' };
    }
    if (DRAFT_LIFECYCLE.is(draft, 'scheduled')) await this.transition(manager, draft, 'start_publishing', null);

    // Retries are counted from the latest hand-over (approval or a manager's retry), not over the revision's life.
    const handedOver = await this.outbox.forRevision(data.revisionId);
    const definiteAttempts = await this.attempts.countDefiniteMisses(data.revisionId, handedOver?.notBefore);
    const attemptId = newId();
    let prepared: Going;
    try {
      prepared = await this.prepare(manager, account, data.revisionId, attemptId);
    } catch (error) {
      // Without readable credentials nothing can be sent; a failing job would leave the post `publishing` for ever.
      if (!(error instanceof CredentialsUnreadableError)) throw error;
      await this.transition(manager, draft, 'hold', HELD_NOT_PUBLISHABLE(`the stored credentials of “${account.name}” cannot be read; replace them`));
      return { kind: 'skip' };
    }
    await this.attempts.insert({ id: attemptId, draftId: draft.id, revisionId: data.revisionId, startedAt: this.clock.nowIso(), finishedAt: null, outcome: 'sending', detail: null });
    return { ...prepared, definiteAttempts };
  }

  private async prepare(manager: EntityManager, account: Account, revisionId: string, attemptId: string): Promise<Going> {
    const revision = await this.drafts.revision(revisionId);
    const credentials = account.mode === 'live' ? await this.vault.open(account.id, manager) : { accessToken: '', refreshToken: null, clientId: null, clientSecret: null };
    return {
      kind: 'go',
      attemptId,
      account,
      revision,
      definiteAttempts: 0,
      request: {
        account: { platform: account.platform, externalId: account.externalId, mode: account.mode },
        credentials: { ...credentials, expiresAt: accessTokenExpiry(credentials, account) },
        post: await this.materials.forRevision(manager, revision),
      },
    };
  }

  /** Records the outcome; returns a delay when the call should be retried (a rate limit with attempts left). */
  private async record(manager: EntityManager, data: PublishJobData, claim: Going, outcome: PublishOutcome): Promise<number | null> {
    const draft = await this.drafts.findForUpdate(data.draftId);
    const finishedAt = this.clock.nowIso();
    if (outcome.credentialsRefreshed) await this.storeRefreshed(manager, claim.account.id, outcome.credentialsRefreshed);
    // Someone settled the post while the call was out (a manager, or another worker that found it in flight):
    // keep the ledger true, and let only a success move an unconfirmed post on.
    const stillOurs =
      draft && draft.currentRevisionId === data.revisionId && (DRAFT_LIFECYCLE.is(draft, 'publishing') || (DRAFT_LIFECYCLE.is(draft, 'unconfirmed') && outcome.kind === 'published'));
    if (!draft || !stillOurs) {
      await this.attempts.settle(claim.attemptId, { outcome: LEDGER_OUTCOME[outcome.kind], finishedAt, detail: outcome.kind === 'published' ? outcome.externalId : outcome.message });
      return null;
    }

    switch (outcome.kind) {
      case 'published': {
        await this.attempts.settle(claim.attemptId, { outcome: 'published', finishedAt, detail: outcome.externalId });
        draft.publication = { externalId: outcome.externalId, url: outcome.url, publishedAt: finishedAt };
        draft.failure = null;
        if (claim.account.mode === 'sandbox') await this.storeSandboxPost(draft, claim, outcome.externalId, finishedAt);
        await this.transition(manager, draft, 'mark_published', null, { externalId: outcome.externalId });
        return null;
      }
      case 'refused': {
        await this.attempts.settle(claim.attemptId, { outcome: 'refused', finishedAt, detail: outcome.code });
        if (outcome.code === 'CREDENTIALS_INVALID') await this.markCredentialsInvalid(manager, claim.account);
        await this.transition(manager, draft, 'mark_failed', { code: outcome.code, message: outcome.message });
        return null;
      }
      case 'rate_limited':
      case 'not_created_retryable': {
        await this.attempts.settle(claim.attemptId, { outcome: outcome.kind === 'rate_limited' ? 'rate_limited' : 'not_created', finishedAt, detail: outcome.message });
        const made = claim.definiteAttempts + 1;
        if (made >= MAX_PUBLISH_ATTEMPTS) {
          const code = outcome.kind === 'rate_limited' ? 'RATE_LIMITED' : 'REJECTED_BY_PLATFORM';
          await this.transition(manager, draft, 'mark_failed', { code, message: `Gave up after ${made} attempts: ${outcome.message}` });
          return null;
        }
        const backoff = this.config.publishing.retryBaseMs * 2 ** (made - 1);
        const wait = outcome.kind === 'rate_limited' && outcome.retryAfterMs !== null ? Math.max(outcome.retryAfterMs, 1) : backoff;
        await this.writePath.note(manager, DRAFT_LIFECYCLE, draft, 'publish_retry_scheduled', {
          actorId: null,
          details: { revisionId: draft.currentRevisionId, attempt: made, retryInMs: wait, reason: outcome.message },
        });
        return wait;
      }
      case 'unknown': {
        await this.attempts.settle(claim.attemptId, { outcome: 'unknown', finishedAt, detail: outcome.message });
        await this.transition(manager, draft, 'mark_unconfirmed', OUTCOME_UNKNOWN(outcome.message));
        return null;
      }
    }
  }

  /** After an unknown outcome, looks for the post on the platform where it allows that; a manager settles the rest. */
  private async lookForPost(data: PublishJobData, claim: Going): Promise<void> {
    const since = new Date(this.clock.now().getTime() - 10 * 60_000).toISOString();
    const result = await this.clients
      .for(claim.account)
      .findRecent({ account: claim.request.account, credentials: claim.request.credentials, post: claim.request.post, since, until: this.clock.nowIso() })
      .catch((error: Error) => ({ kind: 'lookup_failed' as const, message: error.message }));
    if (result.kind !== 'found') return;
    await this.transactions.run(async (manager) => {
      const draft = await this.drafts.findForUpdate(data.draftId);
      if (!draft || !DRAFT_LIFECYCLE.is(draft, 'unconfirmed') || draft.currentRevisionId !== data.revisionId) return;
      await this.attempts.settle(claim.attemptId, { outcome: 'published', detail: result.externalId });
      draft.publication = { externalId: result.externalId, url: result.url, publishedAt: this.clock.nowIso() };
      draft.failure = null;
      await this.transition(manager, draft, 'mark_published', null, { externalId: result.externalId, foundByLookup: true });
    });
  }

  /** The worker's own moves: no request behind them, so each entry stands on its own (actorId null). */
  private async transition(manager: EntityManager, draft: Draft, action: WorkerAction, failure: Draft['failure'], details: Record<string, unknown> = {}): Promise<void> {
    const set: Partial<Draft> = { publication: draft.publication, updatedAt: this.clock.nowIso() };
    if (failure !== null || action === 'mark_published') set.failure = failure;
    await this.writePath.transition(manager, DRAFT_LIFECYCLE, draft, action, {
      actorId: null,
      set,
      details: { revisionId: draft.currentRevisionId, ...details, ...(failure ? { failure } : {}) },
    });
  }

  private async storeSandboxPost(draft: Draft, claim: Going, externalId: string, at: string): Promise<void> {
    await this.sandboxPosts.insert({
      id: newId(),
      accountId: draft.accountId,
      draftId: draft.id,
      revisionId: claim.revision.id,
      externalId,
      text: claim.revision.text,
      title: claim.revision.title,
      link: claim.revision.link,
      media: claim.revision.media.map((item) => ({ mediaId: item.mediaId, altText: item.altText })),
      publishedAt: at,
      removedAt: null,
    });
  }

  private async markCredentialsInvalid(manager: EntityManager, account: Account): Promise<void> {
    await this.accountRows.updateFields(account.id, { credentialsInvalid: true, updatedAt: this.clock.nowIso() });
    await this.writePath.record(manager, { actorId: null, action: 'account.credentials_invalid', subjectType: 'account', subjectId: account.id, details: { platform: account.platform } });
  }

  private async storeRefreshed(manager: EntityManager, accountId: string, refreshed: RefreshedCredentials): Promise<void> {
    const account = await this.accountRows.findOrFail(accountId);
    const current = await this.vault.open(accountId, manager);
    sealRefreshed(this.vault, account, current, { accessToken: refreshed.accessToken, refreshToken: refreshed.refreshToken, accessTokenExpiresAt: refreshed.expiresAt });
    account.updatedAt = this.clock.nowIso();
    await this.accountRows.save(account);
    await this.writePath.record(manager, { actorId: null, action: 'account.credentials_refreshed', subjectType: 'account', subjectId: accountId, details: { expiresAt: refreshed.expiresAt } });
  }
}
