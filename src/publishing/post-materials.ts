import { Inject, Injectable } from '@nestjs/common';
import { join } from 'path';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { DraftRevision } from '../drafts/draft-revision.entity';
import { Media } from '../media/media.entity';
import { MediaRepository } from '../media/media.repository';
import { MediaLinks } from './media-links';
import { PublishPost } from './platforms/platform-client';

/** Turns a stored revision into what a platform client sends: text, title, link and media files with signed links. */
@Injectable()
export class PostMaterials {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly links: MediaLinks,
    private readonly media: MediaRepository,
  ) {}

  async forRevision(manager: EntityManager, revision: DraftRevision): Promise<PublishPost> {
    const ids = revision.media.map((item) => item.mediaId);
    const rows = ids.length === 0 ? [] : await this.media.byIds(ids, undefined, manager);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return {
      text: revision.text,
      title: revision.title,
      link: revision.link,
      media: ids
        .map((id) => byId.get(id))
        .filter((row): row is Media => row !== undefined)
        .map((row) => ({ mimeType: row.mimeType, bytes: row.bytes, path: join(this.config.mediaDir, row.id), publicUrl: this.links.sign(row.id) })),
    };
  }
}
