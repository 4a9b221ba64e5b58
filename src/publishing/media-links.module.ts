import { Module } from '@nestjs/common';
import { MediaLinkFiles } from './media-link-files';
import { MediaLinks } from './media-links';
import { MediaLinksController } from './media-links.controller';

/** Signed media links: made for the platform clients, served to the platforms. */
@Module({
  controllers: [MediaLinksController],
  providers: [MediaLinks, MediaLinkFiles],
  exports: [MediaLinks],
})
export class MediaLinksModule {}
