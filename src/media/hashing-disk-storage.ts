import { createHash, randomUUID } from 'crypto';
import { createWriteStream } from 'fs';
import { rm } from 'fs/promises';
import { join } from 'path';
import { Readable, Transform } from 'stream';
import { pipeline } from 'stream/promises';
import { LimitForType, TypeLimitedStream } from './type-limited-stream';

/** What the storage engine leaves on the request's file once the upload is on disk. */
export interface StoredUpload {
  path: string;
  size: number;
  sha256: string;
}

type Done = (error: Error | null, info?: StoredUpload) => void;

/**
 * A multer storage engine that streams the part to a temporary file while hashing it, so neither
 * the bytes nor a second read of a large video are needed. The type's limit is enforced as the bytes
 * arrive (see TypeLimitedStream). On failure it leaves nothing behind;
 * multer calls _removeFile for files it abandons (e.g. over the size limit).
 */
export class HashingDiskStorage {
  /** `limitFor` gives each sniffed type's limit: reading stops there, not at the largest limit of any type. */
  constructor(
    private readonly directory: string,
    private readonly limitFor: LimitForType,
  ) {}

  _handleFile(_req: unknown, file: { stream: Readable }, done: Done): void {
    const path = join(this.directory, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, next) {
        hash.update(chunk);
        size += chunk.length;
        next(null, chunk);
      },
    });
    const sink = createWriteStream(path, { flags: 'wx' });
    // A stream stopped early may still be opening its file: remove it only once it is closed, or it reappears.
    const closed = new Promise<void>((resolve) => sink.once('close', () => resolve()));
    // The part is piped rather than put in the pipeline: a failure here must not destroy multer's stream,
    // or multer would answer before the partial file is gone. The rest of the part is discarded unread to disk.
    const limited = new TypeLimitedStream(this.limitFor);
    file.stream.on('error', (error) => limited.destroy(error));
    file.stream.pipe(limited);
    pipeline(limited, meter, sink).then(
      () => done(null, { path, size, sha256: hash.digest('hex') }),
      (error: Error) => {
        file.stream.unpipe(limited);
        file.stream.resume();
        closed.then(() => rm(path, { force: true })).finally(() => done(error));
      },
    );
  }

  _removeFile(_req: unknown, file: { path?: string }, done: (error: Error | null) => void): void {
    if (!file.path) return done(null);
    rm(file.path, { force: true }).then(() => done(null), done);
  }
}
