import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MediaRepository } from '../media/media.repository';
import { DraftsRepository } from './drafts.repository';

/**
 * Media belongs to whoever may use it: a revision may attach what its writer uploaded, or what is already
 * on the same draft (a colleague's photo the draft was handed over with). Nothing else, whoever knows its id.
 */
@Injectable()
export class DraftMediaUsable {
  constructor(
    private readonly drafts: DraftsRepository,
    private readonly media: MediaRepository,
  ) {}

  /** The sniffed type of each id the writer may attach; ids they may not use are absent, as unknown ids are. */
  async usableBy(manager: EntityManager, mediaIds: readonly string[], writerId: string, draftId: string | null): Promise<Map<string, string>> {
    const unique = [...new Set(mediaIds)];
    if (unique.length === 0) return new Map();
    const rows = await this.media.byIds(unique, { id: true, mimeType: true, uploadedById: true }, manager);
    const onDraft = draftId === null ? new Set<string>() : await this.drafts.mediaIdsOn(draftId, manager);
    return new Map(rows.filter((row) => row.uploadedById === writerId || onDraft.has(row.id)).map((row) => [row.id, row.mimeType]));
  }
}
