import { Controller, Get, Param, Query, StreamableFile, UseInterceptors } from '@nestjs/common';
import { HeadWithoutBodyInterceptor } from '../common/head-without-body.interceptor';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/access.decorators';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { inlineDisposition } from '../media/media-kinds';
import { MediaLinkFiles } from './media-link-files';

/** Where platforms that download media (Facebook, Instagram) fetch it: no session, a signed, expiring link. */
@ApiExcludeController()
@Controller('media-links')
export class MediaLinksController {
  constructor(private readonly files: MediaLinkFiles) {}

  @Public()
  @Get(':id')
  @UseInterceptors(HeadWithoutBodyInterceptor)
  async serve(@Param('id', UuidParamPipe) id: string, @Query('expires') expires?: string, @Query('sig') sig?: string): Promise<StreamableFile> {
    const file = await this.files.open(id, expires, sig);
    return new StreamableFile(file.stream, { type: file.mimeType, length: file.bytes, disposition: inlineDisposition(id, file.mimeType) });
  }
}
