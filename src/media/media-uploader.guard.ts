import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Caller } from '../auth/caller';
import { MediaService } from './media.service';

/** Refuses a caller who may not upload before multer reads (and stores) a single byte. */
@Injectable()
export class MediaUploaderGuard implements CanActivate {
  constructor(private readonly media: MediaService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.media.requireUploader(context.switchToHttp().getRequest<{ caller: Caller }>().caller);
    return true;
  }
}
