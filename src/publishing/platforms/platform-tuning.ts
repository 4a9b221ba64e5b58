/** Pacing of multi-step uploads; tests inject small values, production uses the defaults. */
export interface PlatformTuning {
  /** Wait between two Instagram container status checks. */
  instagramPollIntervalMs: number;
  /** Status checks before giving up on a container still IN_PROGRESS (nothing is live then). */
  instagramMaxPolls: number;
  /** YouTube upload chunk size: a multiple of 256 KiB. */
  youtubeChunkBytes: number;
}

export const PLATFORM_TUNING = Symbol('PLATFORM_TUNING');

export const DEFAULT_PLATFORM_TUNING: PlatformTuning = {
  instagramPollIntervalMs: 3_000,
  instagramMaxPolls: 40,
  youtubeChunkBytes: 32 * 256 * 1024,
};
