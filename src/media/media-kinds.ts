import { AppConfig } from '../common/config/app-config';

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

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'video/mp4': 'mp4', 'video/quicktime': 'mov' };

/** Shown in place, under a name made only of the id and the sniffed type's extension: nothing a client chose. */
export const inlineDisposition = (mediaId: string, mimeType: string): string => `inline; filename="${mediaId}.${EXTENSIONS[mimeType] ?? 'bin'}"`;
