import { DomainError } from '../common/errors/domain-error';

export class MediaTooLargeError extends DomainError {
  readonly code = 'PAYLOAD_TOO_LARGE';
  readonly kind = 'too_large';
  constructor(mimeType: string, limit: number) {
    super(`A ${mimeType} file may be at most ${limit} bytes.`, { mimeType, limitBytes: limit });
  }
}

export class MediaTypeNotAllowedError extends DomainError {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
  readonly kind = 'unsupported_media';
  constructor(detected: string | null) {
    super('Only JPEG and PNG images and MP4 and QuickTime videos can be uploaded.', { detected });
  }
}
