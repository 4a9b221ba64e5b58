import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.service';
import { Clock } from '../common/clock';
import { newId } from '../common/ids';
import { DraftEvent } from './draft-event.entity';
import { DraftStatus } from './draft-lifecycle';
import { Draft } from './draft.entity';

export interface DraftHappening {
  actorId: string | null;
  /** What happened, e.g. `submitted`; the audit action is `draft.<action>`. */
  action: string;
  from: DraftStatus | null;
  revisionId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Writes a line of the draft's history and the matching audit entry, inside the caller's
 * transaction, which must hold the draft row (so the sequence has no gaps or duplicates).
 */
@Injectable()
export class DraftHistory {
  constructor(
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, draft: Draft, happening: DraftHappening): Promise<DraftEvent> {
    draft.lastEventSeq += 1;
    await manager.getRepository(Draft).update({ id: draft.id }, { lastEventSeq: draft.lastEventSeq });
    const event = manager.getRepository(DraftEvent).create({
      id: newId(),
      draftId: draft.id,
      seq: draft.lastEventSeq,
      at: this.clock.nowIso(),
      actorId: happening.actorId,
      action: happening.action,
      fromStatus: happening.from,
      toStatus: draft.status,
      revisionId: happening.revisionId ?? draft.currentRevisionId,
      details: happening.details ?? {},
    });
    await manager.getRepository(DraftEvent).insert(event);
    await this.audit.record(manager, {
      actorId: happening.actorId,
      action: `draft.${happening.action}`,
      subjectType: 'draft',
      subjectId: draft.id,
      details: { from: happening.from, to: draft.status, revisionId: event.revisionId, ...(happening.details ?? {}) },
    });
    return event;
  }
}
