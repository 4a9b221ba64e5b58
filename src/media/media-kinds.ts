import { AppConfig } from '../config/app-config';

/** The types that can be uploaded and which size limit each falls under (API.md section 9). */
export const MEDIA_KINDS: Record<string, 'image' | 'video'> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'video/mp4': 'video',
  'video/quicktime': 'video',
};

export function limitFor(mimeType: string, config: AppConfig): number | null {
  const kind = MEDIA_KINDS[mimeType];
  if (kind === undefined) return null;
  return kind === 'image' ? config.mediaLimits.imageMaxBytes : config.mediaLimits.videoMaxBytes;
}

/** No upload may exceed the largest per-type limit; multer stops reading there. */
export const uploadCeiling = (config: AppConfig): number => Math.max(config.mediaLimits.imageMaxBytes, config.mediaLimits.videoMaxBytes);
