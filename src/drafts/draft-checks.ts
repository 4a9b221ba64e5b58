import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Platform } from '../accounts/account.entity';
import { ContentCheckRunner } from '../content-checks/content-check-runner';
import { Finding } from '../content-checks/finding';
import { MediaService } from '../media/media.service';
import { DraftContent } from './content-hash';

/** Runs the content checks on a draft's content, with each attachment's type as sniffed at upload. */
@Injectable()
export class DraftChecks {
  constructor(
    private readonly checker: ContentCheckRunner,
    private readonly media: MediaService,
  ) {}

  async check(manager: EntityManager, platform: Platform, content: DraftContent): Promise<Finding[]> {
    return (await this.checkMany(manager, [{ platform, content }]))[0];
  }

  /** Several drafts' content at once: one query for every attachment's type. */
  async checkMany(manager: EntityManager, items: { platform: Platform; content: DraftContent }[]): Promise<Finding[][]> {
    const types = await this.media.mimeTypes(items.flatMap(({ content }) => content.media.map((item) => item.mediaId)), manager);
    return Promise.all(items.map(({ platform, content }) => this.checkWith(types, platform, content)));
  }

  private checkWith(types: ReadonlyMap<string, string>, platform: Platform, content: DraftContent): Promise<Finding[]> {
    return this.checker.check({
      platform,
      text: content.text,
      title: content.title,
      link: content.link,
      media: content.media.map((item) => ({
        mimeType: types.get(item.mediaId) ?? 'application/octet-stream',
        altText: item.altText,
        depicts: item.depicts,
        rights: item.rights,
      })),
    });
  }
}
