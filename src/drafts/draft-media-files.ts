import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller } from '../auth/caller';
import { NotFoundError } from '../common/errors/generic-errors';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { MediaFile, openMediaFile } from '../media/media-files';
import { Access } from '../common/access/access.service';
import { MediaRepository } from '../media/media.repository';
import { DraftsRepository } from './drafts.repository';

/**
 * The photos and videos attached to a draft, for the people who may see the draft: the manager
 * approving it must see the image, and a colleague asked for consent must see what shows them.
 * Only media some revision of this draft attached; anything else is 404, as is a draft one may not see.
 */
@Injectable()
export class DraftMediaFiles {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'mediaDir'>,
    private readonly access: Access,
    private readonly drafts: DraftsRepository,
    private readonly media: MediaRepository,
  ) {}

  async open(caller: Caller, draftId: string, mediaId: string): Promise<MediaFile> {
    const manager = this.dataSource.manager;
    await this.access.requireVisible(caller, 'draft', draftId, manager);
    if (!(await this.drafts.mediaIdsOn(draftId, manager)).has(mediaId)) throw new NotFoundError('media');
    return openMediaFile(await this.media.find(mediaId, manager), this.config.mediaDir);
  }
}
