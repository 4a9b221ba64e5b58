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

/** A server rule: nobody approves or confirms a post they wrote or now own. */
const ownPost = (draft, me) => draft.authorId === me.id || draft.ownerId === me.id;

/**
 * One action at a time: each decision is a button that reveals its own small form, so a card carries
 * three buttons rather than three forms.
 */
function revealing(box, label, form, props = {}) {
  const button = h('button', { type: 'button', 'aria-expanded': 'false', ...props }, label);
  form.hidden = true;
  button.addEventListener('click', () => {
    const opening = form.hidden;
    for (const other of box.querySelectorAll(':scope > form')) other.hidden = true;
    for (const other of box.querySelectorAll(':scope > .choices > button')) other.setAttribute('aria-expanded', 'false');
    form.hidden = !opening;
    button.setAttribute('aria-expanded', String(opening));
    if (opening) (form.querySelector('input, textarea, select, button') || form).focus();
  });
  return button;
}

/** The manager's actions for the draft's current status; `after(message, draft)` re-renders. */
export function managerActions(draft, me, after) {
  const box = h('div', { class: 'manager-actions' });
  const id = draft.id;
  const own = ownPost(draft, me);
  const choices = (...pairs) => {
    const row = h('div', { class: 'inline-actions choices' });
    box.append(row);
    for (const [label, form, props] of pairs) {
      row.append(revealing(box, label, form, props));
      box.append(form);
    }
  };
  switch (draft.status) {
    case 'submitted': {
      if (own) {
        box.append(h('p', { class: 'meta' }, 'You wrote this post, so another manager must approve it.'));
        break;
      }
      const consentOutstanding = draft.consent.pending > 0 || draft.consent.refused > 0;
      const approved = (result) => after(result.status === 'submitted' ? 'Approved: it needs another manager’s approval too.' : result.status === 'scheduled' ? `Approved: it will publish on ${fmtTime(result.scheduledFor)}.` : 'Approved: it is being published now.', result);
      // One click approves (at the time the author chose, else now); choosing a time is the folded form.
      const approveNow = actionButton('Approve', box, async () => approved(await post(`drafts/${id}/approve`, { revisionId: draft.revision.id })));
      const approveLater = miniForm({ title: 'Approve for a time', fields: [['Publish at', input('scheduledFor', { type: 'datetime-local', required: true })]], submit: 'Approve for this time',
        onSubmit: async (f) => {
          const body = { revisionId: draft.revision.id };
          const when = localToIso(f.scheduledFor.value);
          if (when) body.scheduledFor = when;
          await approved(await post(`drafts/${id}/approve`, body));
        } });
      const requestChanges = miniForm({ title: 'Request changes', fields: [['What needs to change', textarea('comment', { rows: 2 })]], submit: 'Request changes',
        onSubmit: async (f) => { const result = await post(`drafts/${id}/request-changes`, { comment: f.comment.value.trim() }); await after('Changes requested: the author has been asked to make them.', result); } });
      const reject = miniForm({ title: 'Reject', fields: [['Reason', textarea('reason', { rows: 2 })]], submit: 'Reject the post', danger: true,
        onSubmit: async (f) => { const result = await post(`drafts/${id}/reject`, { reason: f.reason.value.trim() }); await after('Rejected.', result); } });
      if (consentOutstanding) box.append(h('p', { class: 'warning' }, 'It cannot be approved until everyone shown in the photos or videos has given consent.'));
      choices(...[consentOutstanding ? null : ['Approve for a time…', approveLater, { class: 'secondary' }], ['Ask for changes…', requestChanges, { class: 'secondary' }], ['Reject…', reject, { class: 'secondary' }]].filter(Boolean));
      if (!consentOutstanding) box.querySelector('.choices').prepend(approveNow);
      break;
    }
    case 'held':
      if (own) box.append(h('p', { class: 'meta' }, 'You wrote or now own this post, so another manager must confirm it.'));
      else box.append(actionButton('Confirm: publish as planned', box, async () => { const result = await post(`drafts/${id}/confirm`); await after('Confirmed.', result); }));
      break;
    case 'failed':
      box.append(actionButton('Retry publishing', box, async () => { const result = await post(`drafts/${id}/retry`); await after('Publishing again.', result); }));
      break;
    case 'unconfirmed':
      choices(
        ['It was published…', miniForm({ title: 'It was published', fields: [['Post id on the platform', input('externalId')], ['Link (optional)', input('url', { type: 'url' })]], submit: 'Mark as published',
          onSubmit: async (f) => {
            const body = { outcome: 'published', externalId: f.externalId.value.trim() };
            if (f.url.value.trim()) body.url = f.url.value.trim();
            const result = await post(`drafts/${id}/reconcile`, body);
            await after('Marked as published.', result);
          } })],
        ['It was not published…', miniForm({ title: 'It was not published', fields: [], submit: 'Mark as not published',
          onSubmit: async () => { const result = await post(`drafts/${id}/reconcile`, { outcome: 'not_published' }); await after('Marked as not published; you can retry it.', result); } }), { class: 'secondary' }]);
      break;
    case 'published':
      choices(['Take down…', miniForm({ title: 'Take down', fields: [['Reason', textarea('reason', { rows: 2 })]], submit: 'Take the post down', danger: true,
        onSubmit: async (f) => { const result = await post(`drafts/${id}/take-down`, { reason: f.reason.value.trim() }); await after('Taken down.', result); } }), { class: 'danger' }]);
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
