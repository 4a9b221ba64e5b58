// The platform limits of API.md section 9, counted as the person types. The server's content
// check is what decides; this only shows how much room is left.

const bytes = (s) => new TextEncoder().encode(s).length;
const count = (re, s) => (s.match(re) || []).length;
const chars = (s) => [...s].length;

/** [{label, used, max, unit}] for the account's platform. */
export function limitsFor(platform, { text, title }) {
  switch (platform) {
    case 'facebook':
      return [{ label: 'Post', used: chars(text), max: 63206, unit: 'characters' }];
    case 'instagram':
      return [
        { label: 'Caption', used: chars(text), max: 2200, unit: 'characters' },
        { label: 'Hashtags', used: count(/(^|\s)#[\p{L}\p{N}_]+/gu, text), max: 30, unit: 'hashtags' },
        { label: 'Mentions', used: count(/(^|\s)@[\p{L}\p{N}_.]+/gu, text), max: 20, unit: 'mentions' },
      ];
    case 'linkedin':
      return [{ label: 'Post', used: chars(text), max: 3000, unit: 'characters' }];
    case 'youtube':
      return [
        { label: 'Title', used: chars(title || ''), max: 100, unit: 'characters' },
        { label: 'Description', used: bytes(text), max: 5000, unit: 'bytes' },
      ];
    default:
      return [];
  }
}
