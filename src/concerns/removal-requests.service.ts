import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { newId } from '../common/ids';
import { ConsentService } from '../consent/consent.service';
import { WritePath } from '../common/write-path/write-path';
import { Transactions } from '../common/database/transactions';
import { DRAFT_LIFECYCLE } from '../drafts/draft-lifecycle';
import { Access } from '../common/access/access.service';
import { Draft } from '../drafts/draft.entity';
import { TakedownUnsupportedError } from '../publishing/publishing-errors';
import { PublishingService } from '../publishing/publishing.service';
import { ConcernsService } from './concerns.service';
import { RemovalOutcome, RemovalRequest } from './removal-request.entity';
import { RemovalRequestsRepository } from './removal-requests.repository';

export interface RemovalRequestView {
  id: string;
  draftId: string;
  requestedById: string;
  requestedAt: string;
  reason: string;
  outcome: RemovalOutcome;
}

const toView = ({ id, draftId, requestedById, requestedAt, reason, outcome }: RemovalRequest): RemovalRequestView => ({ id, draftId, requestedById, requestedAt, reason, outcome });

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
    private readonly access: Access,
    private readonly consent: ConsentService,
    private readonly concerns: ConcernsService,
    private readonly publishing: PublishingService,
    private readonly requests: RemovalRequestsRepository,
  ) {}

  async request(caller: Caller, draftId: string, reason: string): Promise<RemovalRequestView> {
    const { request, made } = await this.transactions.run((manager) => this.record(manager, caller, draftId, reason.trim()));
    if (request.outcome !== 'takedown_pending') return toView(request);
    return toView(await this.takeDown(caller, request, made));
  }

  /** The request's own entry first; the concern raised with it follows from it. */
  private async record(manager: EntityManager, caller: Caller, draftId: string, reason: string): Promise<{ request: RemovalRequest; made: AuditEntry }> {
    // Who may ask, and of which post, is the draft's `request_removal` rule (draft-rules.ts); the draft is read for update.
    const draft = await this.access.require<Draft>(caller, Permission.DraftRequestRemoval, draftId, manager);
    const published = DRAFT_LIFECYCLE.is(draft, 'published');
    const request = this.requests.build({
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
    await this.requests.insert(request);
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
      await this.requests.settle(request);
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
