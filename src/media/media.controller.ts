import { Controller, Post, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { BodyProblemInterceptor } from '../common/body-parsing';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, SignedIn } from '../auth/access.decorators';
import { Caller } from '../auth/caller';
import { StoredUpload } from './hashing-disk-storage';
import { MediaUploaderGuard } from './media-uploader.guard';
import { MediaResponse } from './media-response.dto';
import { MediaService } from './media.service';

@ApiTags('media')
@Controller('api/v1/media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  /**
   * Upload an image or video (staff authorised on at least one account). The type is read from the
   * bytes: JPEG and PNG up to 8 MiB, MP4 and QuickTime up to 512 MiB.
   */
  @SignedIn()
  @UseGuards(MediaUploaderGuard)
  @UseInterceptors(BodyProblemInterceptor, FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @Post()
  upload(@CurrentCaller() caller: Caller, @UploadedFile() file: StoredUpload | undefined): Promise<MediaResponse> {
    return this.media.store(caller, file);
  }
}
