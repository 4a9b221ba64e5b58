// Pieces shared by the post pages: the post as it will appear, its findings, consent and outcome.
// What anyone may do with it is the server's answer (actions/draft.js).
import { badge, fmtTime, h } from './dom.js';

export function postPreview(draft, account) {
  const rev = draft.revision;
  return h('div', { class: 'post-preview', 'aria-label': 'The post as it will appear' },
    account ? h('span', { class: 'meta' }, `${account.name} · ${account.platform}${account.mode === 'sandbox' ? ' (sandbox)' : ''}`) : null,
    rev.title ? h('span', { class: 'post-title' }, rev.title) : null,
    h('div', {}, rev.text),
    rev.link ? h('p', {}, h('a', { href: rev.link, rel: 'noopener noreferrer', target: '_blank' }, rev.link)) : null,
    rev.media.length ? h('ul', { class: 'attachments' }, rev.media.map((m) => h('li', {}, attachment(draft.id, m),
      h('span', { class: 'meta' }, `${m.altText || '(no alt text)'}${m.depicts.staffIds.length ? ` · shows ${m.depicts.staffIds.length} colleague(s)` : ''}${m.depicts.serviceUsers ? ' · shows people we support' : ''}${m.rights ? ` · rights: ${m.rights}` : ' · rights not declared'}`)))) : null);
}

/**
 * The photo itself (what the manager approves). The draft does not say whether an attachment is a photo or
 * a video, so when it does not load as an image the server is asked what it is: a video is played, anything
 * else (a file gone from the store, say) is reported rather than shown as an empty player.
 */
function attachment(draftId, m) {
  const src = `/api/v1/drafts/${draftId}/media/${m.mediaId}`;
  const img = h('img', { src, alt: m.altText || 'Attachment without alt text', loading: 'lazy' });
  img.addEventListener('error', async () => {
    const response = await fetch(src, { method: 'HEAD', credentials: 'same-origin' }).catch(() => null);
    const type = response?.ok ? response.headers.get('content-type') ?? '' : '';
    img.replaceWith(type.startsWith('video/')
      ? h('video', { src, controls: true, preload: 'metadata', 'aria-label': m.altText || 'Attached video' })
      : h('p', { class: 'badge bad missing-attachment' }, response?.status === 404
        ? 'This attachment is missing from the media store; ask an admin before approving.'
        : 'This attachment cannot be shown here.'));
  }, { once: true });
  return img;
}

export function findingsList(findings) {
  if (!findings.length) return h('p', { class: 'meta' }, 'Content checks found nothing.');
  return h('ul', { class: 'findings', 'aria-label': 'Content check findings' }, findings.map((f) => h('li', { class: f.severity }, `${f.severity === 'block' ? 'Blocks' : 'Warning'}: ${f.message}`)));
}

/**
 * Consent, and who it waits on: the people the photos show, each with their latest answer in the draft's
 * history (oldest first). `events` is optional; without it only the counts show.
 */
export function consentLine(draft, events, name) {
  const { consent } = draft;
  if (!consent.pending && !consent.refused) return h('p', {}, 'Consent: nothing outstanding.');
  const counts = [consent.pending ? h('span', { class: 'badge warn' }, `${consent.pending} waiting`) : null, ' ',
    consent.refused ? h('span', { class: 'badge bad' }, `${consent.refused} refused`) : null];
  const people = events && name ? consentOutstanding(draft, events) : null;
  return h('div', { class: 'consent-line' }, h('p', {}, 'Consent: ', counts),
    people && people.length ? h('ul', { 'aria-label': 'Consent outstanding' }, people.map(({ staffId, answer }) => h('li', {},
      answer === 'refused' ? `${name(staffId)} refused consent` : `${name(staffId)} has not yet given consent`))) : null);
}

function consentOutstanding(draft, events) {
  const latest = new Map();
  for (const e of events) if (e.actorId && /^consent_(granted|refused)$/.test(e.action)) latest.set(e.actorId, e.action.slice('consent_'.length));
  const shown = new Set(draft.revision.media.flatMap((m) => m.depicts.staffIds));
  return [...shown].filter((id) => latest.get(id) !== 'granted').map((staffId) => ({ staffId, answer: latest.get(staffId) || 'pending' }));
}

/** Why Approve is missing while consent is outstanding (the server refuses it: CONSENT_OUTSTANDING). */
export function consentBlocksApproval(draft) {
  return draft.consent.pending > 0 || draft.consent.refused > 0
    ? h('p', { class: 'warning' }, 'It cannot be approved until everyone shown in the photos or videos has given consent.') : null;
}

export function outcome(draft) {
  const parts = [badge(draft.status)];
  if (draft.scheduledFor && !draft.publication) parts.push(` · planned for ${fmtTime(draft.scheduledFor)}`);
  if (draft.publication) parts.push(' ', draft.publication.url ? h('a', { href: draft.publication.url, rel: 'noopener noreferrer', target: '_blank' }, 'view on the platform') : `as ${draft.publication.externalId}`, ` on ${fmtTime(draft.publication.publishedAt)}`);
  if (draft.failure) parts.push(h('span', { class: 'field-error' }, ` ${draft.failure.message} (${draft.failure.code})`));
  return h('span', {}, parts);
}

