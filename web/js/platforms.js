// The platform limits as the server's content checks enforce them (GET /api/v1/platforms), fetched once
// per page load. The check decides; this only shows how much room is left as the person types.
import { get } from './api.js';

let loading = null;
/** { items: [{platform, limits: [{name, field, counts, max, pattern?}]}], uploads: {imageMaxBytes, videoMaxBytes} } */
export const loadPlatforms = () => (loading ||= get('platforms').catch((error) => { loading = null; throw error; }));

const LABELS = { textCharacters: 'Text', hashtags: 'Hashtags', mentions: 'Mentions', titleCharacters: 'Title', descriptionBytes: 'Description' };
const UNITS = { characters: 'characters', bytes: 'bytes' };

const measure = (limit, value) => {
  if (limit.counts === 'bytes') return new TextEncoder().encode(value).length;
  if (limit.counts === 'matches') return (value.match(new RegExp(limit.pattern, 'gu')) || []).length;
  return [...value].length;
};

/** [{label, used, max, unit}] for the platform, counted the way its check counts. */
export function limitsFor(platforms, platform, post) {
  const entry = platforms.items.find((p) => p.platform === platform);
  if (!entry) return [];
  return entry.limits.map((limit) => ({
    label: LABELS[limit.name] || limit.name,
    used: measure(limit, post[limit.field] || ''),
    max: limit.max,
    unit: UNITS[limit.counts] || limit.name.replace(/[A-Z].*$/, ''),
  }));
}

/** One limit's maximum, e.g. limitOf(platforms, 'youtube', 'titleCharacters'). */
export const limitOf = (platforms, platform, name) => {
  const entry = platforms.items.find((p) => p.platform === platform);
  const limit = entry && entry.limits.find((l) => l.name === name);
  return limit ? limit.max : null;
};

/** The pattern the content check counts hashtags with, to mark them in previews. */
export const hashtagPattern = (platforms) => {
  const limit = platforms.items.flatMap((p) => p.limits).find((l) => l.name === 'hashtags');
  return limit ? limit.pattern : null;
};

/** "8 MB" */
export const megabytes = (bytes) => `${Math.round(bytes / (1024 * 1024))} MB`;
