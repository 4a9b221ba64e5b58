import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { MediaFile, openMediaFile } from '../media/media-files';
import { MediaRepository } from '../media/media.repository';
import { MediaLinks } from './media-links';

export type { MediaFile } from '../media/media-files';

/** Opens a media file for a platform holding a signed link; the signature is checked before anything is looked up. */
@Injectable()
export class MediaLinkFiles {
  constructor(
    private readonly links: MediaLinks,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'mediaDir'>,
    private readonly media: MediaRepository,
  ) {}

  async open(mediaId: string, expires: string | undefined, sig: string | undefined): Promise<MediaFile> {
    this.links.verify(mediaId, expires, sig);
    return openMediaFile(await this.media.find(mediaId, this.dataSource.manager), this.config.mediaDir);
  }
}
