import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { rename, rm } from 'fs/promises';
import { join } from 'path';
import { DataSource, EntityManager } from 'typeorm';
import { WritePath } from '../common/write-path/write-path';
import { Caller } from '../auth/caller';
import { AuthorisationsService } from '../authorisations/authorisations.service';
import { Clock } from '../common/clock';
import { ValidationFailedError } from '../common/errors/generic-errors';
import { isUuid, newId } from '../common/ids';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { MediaTypeLookup } from '../content-checks/media-type-lookup';
import { Transactions } from '../common/database/transactions';
import { NotAuthorisedForAccountError } from '../drafts/drafts-errors';
import { MediaTooLargeError, MediaTypeNotAllowedError } from './media-errors';
import { limitFor } from './media-kinds';
import { MediaRepository } from './media.repository';
import { sniffMimeType } from './sniff';
import { StoredUpload } from './hashing-disk-storage';

export interface MediaView {
  id: string;
  mimeType: string;
  bytes: number;
  sha256: string;
}


@Injectable()
export class MediaService implements MediaTypeLookup {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly authorisations: AuthorisationsService,
    private readonly media: MediaRepository,
  ) {}

  /** Only people who may post somewhere may upload; checked before the body is read. */
  async requireUploader(caller: Caller): Promise<void> {
    const accounts = await this.authorisations.authorisedAccountIds(this.dataSource.manager, caller.staffId);
    if (accounts.length === 0) throw new NotAuthorisedForAccountError();
  }

  /** Keeps an upload whose bytes are an allowed type within its limit; otherwise nothing remains of it. */
  async store(caller: Caller, file: StoredUpload | undefined): Promise<MediaView> {
    if (!file) throw new ValidationFailedError('Send the file as multipart form data in the field "file".', [{ field: 'file', problems: ['is missing'] }]);
    const id = newId();
    const finalPath = join(this.config.mediaDir, id);
    try {
      await this.requireUploader(caller);
      const mimeType = await sniffMimeType(file.path);
      const limit = mimeType === null ? null : limitFor(mimeType, this.config);
      if (mimeType === null || limit === null) throw new MediaTypeNotAllowedError(mimeType);
      if (file.size > limit) throw new MediaTooLargeError(mimeType, limit);
      const sha256 = file.sha256;
      await rename(file.path, finalPath);
      const media = await this.transactions.run(async (manager) => {
        const row = this.media.build({ id, uploadedById: caller.staffId, mimeType, bytes: file.size, sha256, createdAt: this.clock.nowIso() });
        await this.media.insert(row);
        await this.writePath.record(manager, { actorId: caller.staffId, action: 'media.uploaded', subjectType: 'media', subjectId: id, details: { mimeType, bytes: file.size, sha256 } });
        return row;
      });
      return { id: media.id, mimeType: media.mimeType, bytes: media.bytes, sha256: media.sha256 };
    } catch (error) {
      await rm(file.path, { force: true });
      await rm(finalPath, { force: true });
      throw error;
    }
  }

  /** The content checks' port (MediaTypeLookup): any upload may be attached, so whoever calls sees every type. */
  async mimeTypesOf(_caller: Caller, mediaIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    return this.mimeTypes(mediaIds.filter(isUuid).map((id) => id.toLowerCase()));
  }

  /** Sniffed types of the given media; ids that name no upload are absent from the map. */
  async mimeTypes(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.media.byIds(unique, { id: true, mimeType: true }, manager);
    return new Map(rows.map((row) => [row.id, row.mimeType]));
  }
}
