import { ruleError } from '../common/errors/domain-error';

export class MediaTooLargeError extends ruleError('PAYLOAD_TOO_LARGE', 'too_large', (mimeType: string, limit: number) => `A ${mimeType} file may be at most ${limit} bytes.`, (mimeType, limit) => ({ mimeType, limitBytes: limit })) {}

export class MediaTypeNotAllowedError extends ruleError('UNSUPPORTED_MEDIA_TYPE', 'unsupported_media', 'Only JPEG and PNG images and MP4 and QuickTime videos can be uploaded.', (detected: string | null) => ({ detected })) {}
