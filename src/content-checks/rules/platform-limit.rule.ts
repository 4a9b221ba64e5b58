import { ContentRule } from '../content-rule';
import { ContentUnderCheck, Finding } from '../finding';

/** Limits from the platforms' documentation (PLATFORMS.md); characters are Unicode code points. */
export const PLATFORM_LIMITS = {
  facebook: { textCharacters: 63_206 },
  instagram: { textCharacters: 2_200, hashtags: 30, mentions: 20 },
  linkedin: { textCharacters: 3_000 },
  youtube: { titleCharacters: 100, descriptionBytes: 5_000 },
} as const;

const PLATFORM_NAMES = { facebook: 'Facebook', instagram: 'Instagram', linkedin: 'LinkedIn', youtube: 'YouTube' } as const;

// A hashtag needs a letter ("#1" is not one); a mention is an Instagram username, not the middle of an email address.
export const HASHTAG = /(?<![\p{L}\p{N}_&#])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu;
export const MENTION = /(?<![\p{L}\p{N}_.@])@[A-Za-z0-9._]*[A-Za-z0-9_]/gu;

/** What the platform itself would refuse: posting it would fail, so it blocks. */
export class PlatformLimitRule implements ContentRule {
  readonly name = 'PLATFORM_LIMIT';
  readonly severity = 'block';

  check(content: ContentUnderCheck): Finding[] {
    switch (content.platform) {
      case 'facebook':
      case 'linkedin':
        return this.textLength(content.text, PLATFORM_LIMITS[content.platform].textCharacters, PLATFORM_NAMES[content.platform]);
      case 'instagram':
        return this.instagram(content);
      case 'youtube':
        return this.youtube(content);
    }
  }

  private instagram(content: ContentUnderCheck): Finding[] {
    const limits = PLATFORM_LIMITS.instagram;
    const findings = this.textLength(content.text, limits.textCharacters, 'An Instagram caption');
    findings.push(...this.tooMany(content.text, HASHTAG, limits.hashtags, 'hashtags'));
    findings.push(...this.tooMany(content.text, MENTION, limits.mentions, 'mentions (@names)'));
    if (!content.media.some((item) => isImage(item.mimeType) || isVideo(item.mimeType))) {
      findings.push(this.finding('Every Instagram post needs at least one image or video. Add a photo or video.'));
    }
    return findings;
  }

  private youtube(content: ContentUnderCheck): Finding[] {
    const limits = PLATFORM_LIMITS.youtube;
    const findings: Finding[] = [];
    if (!content.media.some((item) => isVideo(item.mimeType))) findings.push(this.finding('A YouTube post needs a video. Add the video to upload.'));
    const title = content.title?.trim() ?? '';
    if (title === '') findings.push(this.finding('A YouTube video needs a title. Add one (at most 100 characters).'));
    const titleLength = codePoints(content.title ?? '');
    if (titleLength > limits.titleCharacters) {
      findings.push(this.finding(`The title is ${titleLength} characters long; YouTube allows at most ${limits.titleCharacters}. Shorten the title.`));
    }
    if (/[<>]/.test(content.title ?? '')) findings.push(this.finding('The title contains < or >, which YouTube does not allow. Remove them from the title.'));
    const bytes = Buffer.byteLength(content.text, 'utf8');
    if (bytes > limits.descriptionBytes) {
      const cut = offsetAtByte(content.text, limits.descriptionBytes);
      findings.push(
        this.finding(
          `The description is too long for YouTube: ${bytes} bytes where at most ${limits.descriptionBytes} are allowed (letters with accents and emoji take more than one byte). Shorten it.`,
          cut,
          content.text.length,
        ),
      );
    }
    for (const match of content.text.matchAll(/[<>]/g)) {
      findings.push(this.finding('YouTube does not allow < or > in the description. Remove this character.', match.index, match.index + 1));
    }
    return findings;
  }

  private textLength(text: string, limit: number, what: string): Finding[] {
    const length = codePoints(text);
    if (length <= limit) return [];
    const subject = what.startsWith('An ') ? what : `A ${what} post`;
    return [
      this.finding(
        `${subject} may be at most ${limit.toLocaleString('en-GB')} characters; this is ${length.toLocaleString('en-GB')}. Shorten it by ${(length - limit).toLocaleString('en-GB')}.`,
        offsetAtCodePoint(text, limit),
        text.length,
      ),
    ];
  }

  private tooMany(text: string, pattern: RegExp, limit: number, what: string): Finding[] {
    const matches = [...text.matchAll(pattern)];
    if (matches.length <= limit) return [];
    const first = matches[limit];
    const last = matches[matches.length - 1];
    return [
      this.finding(
        `Instagram allows at most ${limit} ${what} in a caption; this has ${matches.length}. Remove ${matches.length - limit}.`,
        first.index,
        last.index + last[0].length,
      ),
    ];
  }

  private finding(message: string, start?: number, end?: number): Finding {
    return start === undefined ? { rule: this.name, severity: this.severity, message } : { rule: this.name, severity: this.severity, message, start, end };
  }
}

const isImage = (mimeType: string) => mimeType.toLowerCase().startsWith('image/');
const isVideo = (mimeType: string) => mimeType.toLowerCase().startsWith('video/');

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** The UTF-16 index where code point number `n` (from 0) starts. */
function offsetAtCodePoint(text: string, n: number): number {
  let offset = 0;
  let count = 0;
  for (const character of text) {
    if (count === n) return offset;
    offset += character.length;
    count += 1;
  }
  return offset;
}

/** The UTF-16 index of the first character that does not fit in `bytes` bytes of UTF-8. */
function offsetAtByte(text: string, bytes: number): number {
  let offset = 0;
  let used = 0;
  for (const character of text) {
    used += Buffer.byteLength(character, 'utf8');
    if (used > bytes) return offset;
    offset += character.length;
  }
  return offset;
}
