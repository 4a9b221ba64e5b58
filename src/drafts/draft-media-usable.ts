import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Media } from '../media/media.entity';
import { DraftRevision } from './draft-revision.entity';

/** Every media id some revision of the draft attached: what the draft's readers may download and its owner may keep. */
export async function mediaIdsOnDraft(manager: EntityManager, draftId: string): Promise<Set<string>> {
  const revisions = await manager.getRepository(DraftRevision).find({ where: { draftId }, select: { id: true, media: true } });
  return new Set(revisions.flatMap((revision) => revision.media.map((item) => item.mediaId)));
}

/**
 * Media belongs to whoever may use it: a revision may attach what its writer uploaded, or what is already
 * on the same draft (a colleague's photo the draft was handed over with). Nothing else, whoever knows its id.
 */
@Injectable()
export class DraftMediaUsable {
  /** The sniffed type of each id the writer may attach; ids they may not use are absent, as unknown ids are. */
  async usableBy(manager: EntityManager, mediaIds: readonly string[], writerId: string, draftId: string | null): Promise<Map<string, string>> {
    const unique = [...new Set(mediaIds)];
    if (unique.length === 0) return new Map();
    const rows = await manager.getRepository(Media).find({ where: { id: In(unique) }, select: { id: true, mimeType: true, uploadedById: true } });
    const onDraft = draftId === null ? new Set<string>() : await mediaIdsOnDraft(manager, draftId);
    return new Map(rows.filter((row) => row.uploadedById === writerId || onDraft.has(row.id)).map((row) => [row.id, row.mimeType]));
  }
}
