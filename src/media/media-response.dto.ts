import { MediaView } from './media.service';

export class MediaResponse implements MediaView {
  id: string;
  /** As sniffed from the bytes. */
  mimeType: string;
  bytes: number;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
}
