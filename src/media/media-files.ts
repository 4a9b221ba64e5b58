import { createReadStream, ReadStream } from 'fs';
import { stat } from 'fs/promises';
import { join } from 'path';
import { NotFoundError } from '../common/errors/generic-errors';
import { Media } from './media.entity';

export interface MediaFile {
  stream: ReadStream;
  mimeType: string;
  bytes: number;
}

/** Opens a stored upload (its row as read); 404 when the row or its file is gone. Callers decide who may read it. */
export async function openMediaFile(media: Media | null, mediaDir: string): Promise<MediaFile> {
  if (!media) throw new NotFoundError('media');
  const path = join(mediaDir, media.id);
  const size = await stat(path).then((s) => s.size, () => null);
  if (size === null) throw new NotFoundError('media');
  return { stream: createReadStream(path), mimeType: media.mimeType, bytes: size };
}
