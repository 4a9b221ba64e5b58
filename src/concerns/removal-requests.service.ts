import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Caller } from '../auth/caller';
import { Permission, rolesGrant } from '../auth/permissions';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { ForbiddenError, InvalidStateError, NotFoundError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { ConsentService } from '../consent/consent.service';
import { WritePath } from '../common/write-path/write-path';
import { Transactions } from '../common/database/transactions';
import { DRAFT_LIFECYCLE } from '../drafts/draft-lifecycle';
import { DraftAccess } from '../drafts/draft-access';
import { DraftRevision } from '../drafts/draft-revision.entity';
import { Draft } from '../drafts/draft.entity';
import { TakedownUnsupportedError } from '../publishing/publishing-errors';
import { PublishingService } from '../publishing/publishing.service';
import { ConcernsService } from './concerns.service';
import { RemovalOutcome, RemovalRequest } from './removal-request.entity';

export interface RemovalRequestView {
  id: string;
  draftId: string;
  requestedById: string;
  requestedAt: string;
  reason: string;
  outcome: RemovalOutcome;
}

const toView = ({ id, draftId, requestedById, requestedAt, reason, outcome }: RemovalRequest): RemovalRequestView => ({ id, draftId, requestedById, requestedAt, reason, outcome });

/** Whether the caller appears in the draft's current media. */
export async function isDepicted(manager: EntityManager, draft: Draft, staffId: string): Promise<boolean> {
  const revision = await manager.getRepository(DraftRevision).findOneBy({ id: draft.currentRevisionId });
  return (revision?.media ?? []).some((item) => item.depicts.staffIds.includes(staffId));
}

/**
 * "Remove at once any item a colleague asks to be removed that includes them." The request and its concern
 * are recorded first, so they stand whatever the platform answers; a published post then goes through the
 * same takedown a manager's would, with no approval in between. A draft not yet out keeps the colleague's
 * consent refused, which holds it from publishing.
 */
@Injectable()
export class RemovalRequestsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly access: DraftAccess,
    private readonly consent: ConsentService,
    private readonly concerns: ConcernsService,
    private readonly publishing: PublishingService,
  ) {}

  async request(caller: Caller, draftId: string, reason: string): Promise<RemovalRequestView> {
    const { request, made } = await this.transactions.run((manager) => this.record(manager, caller, draftId, reason.trim()));
    if (request.outcome !== 'takedown_pending') return toView(request);
    return toView(await this.takeDown(caller, request, made));
  }

  /** The request's own entry first; the concern raised with it follows from it. */
  private async record(manager: EntityManager, caller: Caller, draftId: string, reason: string): Promise<{ request: RemovalRequest; made: AuditEntry }> {
    const draft = await this.transactions.findForUpdate(manager, Draft, draftId);
    if (!draft) throw new NotFoundError('draft');
    const depicted = await isDepicted(manager, draft, caller.staffId);
    if (!depicted && !rolesGrant(caller.roles, Permission.RemovalRequestAnyPost)) {
      if (await this.access.canSee(manager, caller, draft)) throw new ForbiddenError('Only a colleague shown in the post, or a manager, can ask for it to be removed.');
      throw new NotFoundError('draft');
    }
    const published = DRAFT_LIFECYCLE.is(draft, 'published');
    if (DRAFT_LIFECYCLE.is(draft, 'taken_down')) throw new InvalidStateError('This post has already been taken down.', { status: draft.status });
    // A manager who is not in the photo has their own ways to stop a post that is not out yet.
    if (!published && !depicted) throw new InvalidStateError('This post is not published: withdraw or reject it instead.', { status: draft.status });
    const request = manager.getRepository(RemovalRequest).create({
      id: newId(),
      draftId,
      requestedById: caller.staffId,
      requestedAt: this.clock.nowIso(),
      reason,
      outcome: published ? 'takedown_pending' : 'consent_withdrawn',
      concernId: newId(),
      platformTaskId: null,
    });
    // Told of on the draft's trail, where a reader of the post looks; the request has no lifecycle of its own.
    const made = await this.writePath.record(manager, {
      actorId: caller.staffId,
      action: 'removal_request.made',
      subjectType: 'draft',
      subjectId: draftId,
      details: { removalRequestId: request.id, concernId: request.concernId, draftStatus: draft.status, outcome: request.outcome, reason },
    });
    await this.concerns.record(manager, caller.staffId, { kind: 'post', description: reason, draftId, url: draft.publication?.url ?? null }, { id: request.concernId, cause: made });
    await manager.getRepository(RemovalRequest).insert(request);
    if (!published) await this.consent.refuseOnRemovalRequest(manager, draft, caller.staffId, request.id, made);
    return { request, made };
  }

  /** The manager's takedown path, run for the requester; where the platform has no delete, its manual task. */
  private async takeDown(caller: Caller, request: RemovalRequest, made: AuditEntry): Promise<RemovalRequest> {
    let action = 'removal_request.taken_down';
    let failure: { code: string; message: string } | null = null;
    try {
      await this.publishing.takeDownOnRequest(caller, request.draftId, request.reason);
      request.outcome = 'taken_down';
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error instanceof TakedownUnsupportedError) {
        request.platformTaskId = (error.details as { taskId: string }).taskId;
        action = 'removal_request.manual_task_opened';
      } else {
        // The request and its concern stand: a manager sees the open concern and tries the takedown again.
        failure = { code: error.code, message: error.message };
        action = 'removal_request.takedown_failed';
      }
    }
    return this.transactions.run(async (manager) => {
      await manager.getRepository(RemovalRequest).update({ id: request.id }, { outcome: request.outcome, platformTaskId: request.platformTaskId });
      // What came of the request follows from it.
      await this.writePath.record(manager, {
        actorId: caller.staffId,
        action,
        subjectType: 'draft',
        subjectId: request.draftId,
        details: { removalRequestId: request.id, outcome: request.outcome, platformTaskId: request.platformTaskId, failure },
        cause: made,
      });
      return request;
    });
  }
}
