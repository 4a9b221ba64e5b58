/**
 * LinkedIn's "little" text format reserves these characters (mentions, hashtags, templates);
 * unescaped, LinkedIn may silently cut the commentary at the first one.
 */
const RESERVED = /[\\|{}@[\]()<>#*_~]/g;

export function escapeLinkedInCommentary(text: string): string {
  return text.replace(RESERVED, (char) => `\\${char}`);
}
