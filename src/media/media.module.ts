import { Global, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { mkdirSync } from 'fs';
import { join } from 'path';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { MEDIA_TYPE_LOOKUP } from '../content-checks/media-type-lookup';
import { HashingDiskStorage } from './hashing-disk-storage';
import { limitFor, uploadCeiling } from './media-kinds';
import { MediaUploaderGuard } from './media-uploader.guard';
import { MediaController } from './media.controller';
import { MediaRepository } from './media.repository';
import { MediaService } from './media.service';

/** Uploads stream to a temporary file under the media directory, never into memory. Global: drafts and content checks look types up. */
@Global()
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const incoming = join(config.mediaDir, 'incoming');
        mkdirSync(incoming, { recursive: true });
        return {
          storage: new HashingDiskStorage(incoming, (mimeType) => limitFor(mimeType, config)),
          limits: { fileSize: uploadCeiling(config), files: 1, fields: 0, parts: 1 },
        };
      },
    }),
  ],
  controllers: [MediaController],
  providers: [MediaService, MediaRepository, MediaUploaderGuard, { provide: MEDIA_TYPE_LOOKUP, useExisting: MediaService }],
  exports: [MediaService, MediaRepository, MEDIA_TYPE_LOOKUP],
})
export class MediaModule {}
