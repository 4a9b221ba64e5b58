// How a post will look on each network: where the network cuts the text with its "See more", the
// hashtags as the network shows them, and the first photo or video (Instagram's square crop, YouTube's
// 16:9 player). These cut points are how the networks display a post, not limits: the limits that
// block a post are the server's (platforms.js).
import { h } from './dom.js';

/** Characters shown before "See more", and how the network words it (their feeds, desktop, 2026). */
const NETWORKS = {
  facebook: { name: 'Facebook', cut: 477, more: '… See more', mediaFirst: false },
  instagram: { name: 'Instagram', cut: 125, more: '… more', mediaFirst: true, square: true },
  linkedin: { name: 'LinkedIn', cut: 210, more: '…see more', mediaFirst: false },
  youtube: { name: 'YouTube', cut: 157, more: '...more', mediaFirst: true, wide: true, titleCut: 70 },
};
export const NETWORK_ORDER = ['facebook', 'instagram', 'linkedin', 'youtube'];

/** The first `n` characters (code points), ending at a word where one is near. */
export function cutAt(text, n) {
  const chars = [...text];
  if (chars.length <= n) return { shown: text, cut: false };
  let shown = chars.slice(0, n).join('');
  const space = shown.search(/\s\S*$/);
  if (space > n - 20) shown = shown.slice(0, space);
  return { shown: shown.trimEnd(), cut: true };
}

/** Text with its hashtags marked as the networks link them; `pattern` is the server's hashtag pattern. */
function withHashtags(text, pattern) {
  if (!pattern) return [text];
  const parts = [];
  let at = 0;
  for (const m of text.matchAll(new RegExp(pattern, 'gu'))) {
    parts.push(text.slice(at, m.index), h('span', { class: 'np-hashtag' }, m[0]));
    at = m.index + m[0].length;
  }
  parts.push(text.slice(at));
  return parts;
}

/** The text, cut where the network cuts it, with a button that shows the rest as the network would. */
function cutText(text, cut, more, pattern) {
  const { shown, cut: isCut } = cutAt(text, cut);
  const body = h('span', {}, withHashtags(shown, pattern));
  if (!isCut) return h('p', { class: 'np-text' }, body);
  const button = h('button', { type: 'button', class: 'link-button' }, more);
  button.addEventListener('click', () => {
    body.replaceChildren(...withHashtags(text, pattern));
    button.remove();
  });
  return h('p', { class: 'np-text' }, body, ' ', button);
}

const shortTitle = (title, n) => {
  const { shown, cut } = cutAt(title, n);
  return cut ? `${shown}…` : title;
};

/** The first attachment as the network frames it; a video where it is not an image. */
function firstMedia(draftId, media, network) {
  if (!media.length) return null;
  const m = media[0];
  const src = `/api/v1/drafts/${draftId}/media/${m.mediaId}`;
  const img = h('img', { src, alt: m.altText || 'Attachment without alt text', loading: 'lazy' });
  img.addEventListener('error', () => img.replaceWith(h('video', { src, controls: true, preload: 'metadata', 'aria-label': m.altText || 'Attached video' })), { once: true });
  return h('div', { class: `np-media${network.square ? ' np-square' : ''}${network.wide ? ' np-wide' : ''}` }, img,
    media.length > 1 ? h('span', { class: 'meta' }, `+ ${media.length - 1} more`) : null);
}

/**
 * One network's preview of a post: `post` is {id, text, title, link, media}; `accountName` as the
 * network shows the author; `hashtagPattern` from GET /platforms.
 */
export function networkPreview(platform, post, { accountName, hashtagPattern, ownNetwork }) {
  const network = NETWORKS[platform];
  const media = firstMedia(post.id, post.media || [], network);
  const text = post.text || '';
  const parts = platform === 'youtube'
    ? [media, h('p', { class: 'np-title' }, shortTitle(post.title || '(no title)', network.titleCut)),
      h('p', { class: 'np-author' }, accountName), cutText(text, network.cut, network.more, hashtagPattern)]
    : network.mediaFirst
      ? [h('p', { class: 'np-author' }, accountName), media, h('div', {}, h('strong', {}, accountName), ' ', cutText(text, network.cut, network.more, hashtagPattern))]
      : [h('p', { class: 'np-author' }, accountName), cutText(text, network.cut, network.more, hashtagPattern), post.link ? h('p', { class: 'np-link' }, post.link) : null, media];
  const headingId = `np-${platform}-${post.id || 'new'}`;
  return h('section', { class: `network-preview np-${platform}`, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, `On ${network.name}${ownNetwork ? ' (this account)' : ''}`),
    h('div', { class: 'np-frame' }, parts),
    h('p', { class: 'hint' }, `${network.name} shows about the first ${network.cut} characters, then “${network.more.replace(/^[.…\s]+/, '')}”${platform === 'youtube' ? `; titles over ${network.titleCut} characters are cut in search results` : ''}${network.square ? '; photos are cropped square in the grid' : ''}.`));
}

/** Every network's preview, the account's own first. */
export function networkPreviews(post, { platform, accountName, hashtagPattern }) {
  const order = [platform, ...NETWORK_ORDER.filter((p) => p !== platform)].filter((p) => NETWORKS[p]);
  return order.map((p) => networkPreview(p, post, { accountName, hashtagPattern, ownNetwork: p === platform }));
}
