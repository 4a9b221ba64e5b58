import { Transform, TransformCallback } from 'stream';
import { MediaTooLargeError, MediaTypeNotAllowedError } from './media-errors';
import { SNIFF_BYTES, sniffMimeTypeOfBytes } from './sniff';

/** The size limit for a sniffed type, or null when the type may not be uploaded at all. */
export type LimitForType = (mimeType: string) => number | null;

/**
 * Passes an upload through while it arrives, holding back only the first bytes until their type is
 * known; then fails the stream the moment the bytes exceed that type's limit (or at once for a type
 * that cannot be uploaded), so an oversized image never reaches the disk beyond its own limit.
 */
export class TypeLimitedStream extends Transform {
  private head: Buffer[] = [];
  private headBytes = 0;
  private limit: number | null = null;
  private mimeType: string | null = null;
  private passed = 0;

  constructor(private readonly limitFor: LimitForType) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, next: TransformCallback): void {
    if (this.limit !== null) return this.pass(chunk, next);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) return next();
    this.release(next);
  }

  override _flush(next: TransformCallback): void {
    if (this.limit !== null) return next();
    this.release(next);
  }

  private release(next: TransformCallback): void {
    const held = Buffer.concat(this.head);
    this.head = [];
    sniffMimeTypeOfBytes(held).then((mimeType) => {
      const limit = mimeType === null ? null : this.limitFor(mimeType);
      if (mimeType === null || limit === null) return next(new MediaTypeNotAllowedError(mimeType));
      this.mimeType = mimeType;
      this.limit = limit;
      this.pass(held, next);
    }, next);
  }

  private pass(chunk: Buffer, next: TransformCallback): void {
    this.passed += chunk.length;
    if (this.passed > this.limit!) return next(new MediaTooLargeError(this.mimeType!, this.limit!));
    next(null, chunk);
  }
}
