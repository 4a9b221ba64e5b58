import { createHash } from 'crypto';
import { canonicalJson } from '../audit/canonical-json';
import { DraftMedia } from './draft-media';

export interface DraftContent {
  text: string;
  title: string | null;
  link: string | null;
  media: DraftMedia[];
}

/** SHA-256 over the canonical JSON of exactly what would be published, so equal content hashes equal. */
export function contentHash(content: DraftContent): string {
  return createHash('sha256')
    .update(canonicalJson({ text: content.text, title: content.title, link: content.link, media: content.media }))
    .digest('hex');
}
