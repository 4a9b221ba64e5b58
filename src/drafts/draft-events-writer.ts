import { EntityManager, In } from 'typeorm';
import { newId } from '../common/ids';
import { AppliedTransition } from '../common/lifecycle/lifecycle';
import { DraftEvent } from './draft-event.entity';
import type { DraftAction, DraftStatus } from './draft-lifecycle';
import { Draft } from './draft.entity';

const BATCH = 200;

/**
 * The draft lifecycle's history: one numbered line per change, in the change's transaction. The caller
 * holds the drafts' rows (read for update), so each draft's sequence has no gaps or duplicates.
 */
export async function writeDraftEvents(manager: EntityManager, applied: AppliedTransition<DraftStatus, DraftAction, Draft>[]): Promise<void> {
  const ids = applied.map((move) => move.subject.id);
  for (let i = 0; i < ids.length; i += BATCH) {
    await manager
      .getRepository(Draft)
      .createQueryBuilder()
      .update()
      .set({ lastEventSeq: () => '"lastEventSeq" + 1' })
      .where({ id: In(ids.slice(i, i + BATCH)) })
      .execute();
  }
  const events = applied.map(({ subject, from, to, happened, actorId, at, details }) => {
    subject.lastEventSeq += 1;
    const { revisionId, ...rest } = details as { revisionId?: string | null };
    return manager.getRepository(DraftEvent).create({
      id: newId(),
      draftId: subject.id,
      seq: subject.lastEventSeq,
      at,
      actorId,
      action: happened,
      fromStatus: from,
      toStatus: to,
      revisionId: revisionId ?? subject.currentRevisionId,
      details: rest,
    });
  });
  for (let i = 0; i < events.length; i += BATCH) await manager.getRepository(DraftEvent).insert(events.slice(i, i + BATCH));
}
