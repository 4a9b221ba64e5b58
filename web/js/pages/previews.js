import { get } from '../api.js';
import { h, link } from '../dom.js';
import { networkPreviews } from '../network-preview.js';
import { hashtagPattern, loadPlatforms } from '../platforms.js';

/** A post as Facebook, Instagram, LinkedIn and YouTube would show it, its own account's network first. */
export async function render({ root, params }) {
  const [draft, platforms] = await Promise.all([get(`drafts/${params.id}`), loadPlatforms()]);
  const account = await get(`accounts/${draft.accountId}`).catch(() => null);
  const rev = draft.revision;
  root.append(h('h1', {}, 'How the post will look'),
    h('p', {}, link(`/drafts/${draft.id}`, 'Back to the post')),
    h('p', { class: 'hint' }, 'Each network cuts long text with its own “See more” and frames the photo its own way. The checks that can stop a post are on the post’s page.'),
    h('div', { class: 'network-previews' }, networkPreviews({ id: draft.id, text: rev.text, title: rev.title, link: rev.link, media: rev.media }, {
      platform: account ? account.platform : null, accountName: account ? account.name : 'Your account', hashtagPattern: hashtagPattern(platforms),
    })));
}
