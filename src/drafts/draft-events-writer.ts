import { EntityManager } from 'typeorm';
import { newId } from '../common/ids';
import { AppliedTransition } from '../common/lifecycle/lifecycle';
import type { DraftAction, DraftStatus } from './draft-lifecycle';
import { Draft } from './draft.entity';
import { DraftsRepository } from './drafts.repository';

const BATCH = 200;

/**
 * The draft lifecycle's history: one numbered line per change, in the change's transaction. The caller
 * holds the drafts' rows (read for update), so each draft's sequence has no gaps or duplicates.
 */
export async function writeDraftEvents(manager: EntityManager, applied: AppliedTransition<DraftStatus, DraftAction, Draft>[]): Promise<void> {
  const ids = applied.map((move) => move.subject.id);
  for (let i = 0; i < ids.length; i += BATCH) {
    await DraftsRepository.bumpEventSeqs(manager, ids.slice(i, i + BATCH));
  }
  const events = applied.map(({ subject, from, to, happened, actorId, at, details }) => {
    subject.lastEventSeq += 1;
    const { revisionId, ...rest } = details as { revisionId?: string | null };
    return DraftsRepository.buildEvent(manager, {
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
  for (let i = 0; i < events.length; i += BATCH) await DraftsRepository.insertEvents(manager, events.slice(i, i + BATCH));
}
