import { AppConfig } from '../common/config/app-config';
import { HASHTAG, MENTION, PLATFORM_LIMITS } from './rules/platform-limit.rule';

export type LimitName = {
  [P in keyof typeof PLATFORM_LIMITS]: keyof (typeof PLATFORM_LIMITS)[P];
}[keyof typeof PLATFORM_LIMITS];

export interface PlatformLimitView {
  name: LimitName;
  /** The part of the post the limit counts. */
  field: 'text' | 'title';
  /** How PLATFORM_LIMIT counts it: Unicode code points, UTF-8 bytes, or matches of `pattern`. */
  counts: 'characters' | 'bytes' | 'matches';
  max: number;
  /** For `matches`: the regular expression PLATFORM_LIMIT counts (flags `gu`). */
  pattern?: string;
}

export interface PlatformView {
  platform: keyof typeof PLATFORM_LIMITS;
  limits: PlatformLimitView[];
}

export interface PlatformsView {
  items: PlatformView[];
  /** The upload limits POST /media enforces, whatever the platform. */
  uploads: { imageMaxBytes: number; videoMaxBytes: number };
}

/**
 * How PlatformLimitRule measures each limit. The values themselves are PLATFORM_LIMITS, read here, so the
 * web app counts exactly what the check enforces; a new limit without a measure does not compile.
 */
const MEASURES: Record<LimitName, Omit<PlatformLimitView, 'name' | 'max'>> = {
  textCharacters: { field: 'text', counts: 'characters' },
  hashtags: { field: 'text', counts: 'matches', pattern: HASHTAG.source },
  mentions: { field: 'text', counts: 'matches', pattern: MENTION.source },
  titleCharacters: { field: 'title', counts: 'characters' },
  descriptionBytes: { field: 'text', counts: 'bytes' },
};

export function platformLimits(config: AppConfig): PlatformsView {
  const items = (Object.keys(PLATFORM_LIMITS) as (keyof typeof PLATFORM_LIMITS)[]).map((platform) => ({
    platform,
    limits: (Object.entries(PLATFORM_LIMITS[platform]) as [LimitName, number][]).map(([name, max]) => ({ name, max, ...MEASURES[name] })),
  }));
  return { items, uploads: { imageMaxBytes: config.mediaLimits.imageMaxBytes, videoMaxBytes: config.mediaLimits.videoMaxBytes } };
}
