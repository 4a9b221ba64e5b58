// Pieces shared by the post pages: the post as it will appear, its findings and consent, and the
// manager's actions for each status.
import { post } from './api.js';
import { actionButton, badge, fmtTime, h, input, localToIso, miniForm, select, textarea } from './dom.js';

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

export function consentLine(consent) {
  if (!consent.pending && !consent.refused) return h('p', {}, 'Consent: nothing outstanding.');
  return h('p', {}, 'Consent: ', consent.pending ? h('span', { class: 'badge warn' }, `${consent.pending} waiting`) : null, ' ',
    consent.refused ? h('span', { class: 'badge bad' }, `${consent.refused} refused`) : null);
}

/** The manager's actions for the draft's current status; `after` re-renders. */
export function managerActions(draft, me, after) {
  const box = h('div', { class: 'inline-actions manager-actions' });
  const id = draft.id;
  const own = draft.authorId === me.id || draft.ownerId === me.id;
  switch (draft.status) {
    case 'submitted':
      if (own) {
        box.append(h('p', { class: 'meta' }, 'You wrote this post, so another manager must approve it.'));
        break;
      }
      box.append(
        miniForm({ title: 'Approve', fields: [['Publish at (optional)', input('scheduledFor', { type: 'datetime-local' }), 'Empty: publish now.']], submit: 'Approve',
          onSubmit: async (f) => {
            const body = { revisionId: draft.revision.id };
            const when = localToIso(f.scheduledFor.value);
            if (when) body.scheduledFor = when;
            await post(`drafts/${id}/approve`, body);
            await after('Approved.');
          } }),
        miniForm({ title: 'Request changes', fields: [['What needs to change', textarea('comment', { rows: 2 })]], submit: 'Request changes',
          onSubmit: async (f) => { await post(`drafts/${id}/request-changes`, { comment: f.comment.value.trim() }); await after('Changes requested.'); } }),
        miniForm({ title: 'Reject', fields: [['Reason', textarea('reason', { rows: 2 })]], submit: 'Reject', danger: true,
          onSubmit: async (f) => { await post(`drafts/${id}/reject`, { reason: f.reason.value.trim() }); await after('Rejected.'); } }));
      break;
    case 'held':
      box.append(actionButton('Confirm: publish as planned', box, async () => { await post(`drafts/${id}/confirm`); await after('Confirmed.'); }));
      break;
    case 'failed':
      box.append(actionButton('Retry publishing', box, async () => { await post(`drafts/${id}/retry`); await after('Publishing again.'); }));
      break;
    case 'unconfirmed':
      box.append(
        miniForm({ title: 'It was published', fields: [['Post id on the platform', input('externalId')], ['Link (optional)', input('url', { type: 'url' })]], submit: 'Mark as published',
          onSubmit: async (f) => {
            const body = { outcome: 'published', externalId: f.externalId.value.trim() };
            if (f.url.value.trim()) body.url = f.url.value.trim();
            await post(`drafts/${id}/reconcile`, body);
            await after('Marked as published.');
          } }),
        miniForm({ title: 'It was not published', fields: [], submit: 'Mark as not published',
          onSubmit: async () => { await post(`drafts/${id}/reconcile`, { outcome: 'not_published' }); await after('Marked as not published; you can retry it.'); } }));
      break;
    case 'published':
      box.append(miniForm({ title: 'Take down', fields: [['Reason', textarea('reason', { rows: 2 })]], submit: 'Take the post down', danger: true,
        onSubmit: async (f) => { await post(`drafts/${id}/take-down`, { reason: f.reason.value.trim() }); await after('Taken down.'); } }));
      break;
    default:
      break;
  }
  return box.children.length ? box : null;
}

export function outcome(draft) {
  const parts = [badge(draft.status)];
  if (draft.scheduledFor && ['scheduled', 'held'].includes(draft.status)) parts.push(` for ${fmtTime(draft.scheduledFor)}`);
  if (draft.publication) parts.push(' ', draft.publication.url ? h('a', { href: draft.publication.url, rel: 'noopener noreferrer', target: '_blank' }, 'view on the platform') : `as ${draft.publication.externalId}`, ` on ${fmtTime(draft.publication.publishedAt)}`);
  if (draft.failure) parts.push(h('span', { class: 'field-error' }, ` ${draft.failure.message} (${draft.failure.code})`));
  return h('span', {}, parts);
}

export { select };
