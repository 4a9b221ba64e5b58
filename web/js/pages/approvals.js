import { getAll } from '../api.js';
import { announce, duration, fmtTime, h, link, notice } from '../dom.js';
import { accountName, loadAccounts, loadStaff, staffName } from '../people.js';
import { consentBlocksApproval, consentLine, findingsList, postPreview } from '../post-view.js';
import { actionControls } from '../actions/render.js';
import { DRAFT_ACTIONS } from '../actions/draft.js';

/** What the last decision did, kept across the re-render that removes its card from the queue. */
let lastDecision = null;

/** The approval queue, oldest first, each post as it will appear with its findings and consent. */
export async function render({ root, me, reload }) {
  const [queue, accounts, staff] = await Promise.all([getAll('approvals?limit=200'), loadAccounts(), loadStaff(me)]);
  const name = (id) => staffName(staff, id, me);
  root.append(h('h1', {}, 'Approval queue'));
  if (lastDecision) {
    const { message, draft } = lastDecision;
    lastDecision = null;
    root.append(h('div', { class: 'notice', role: 'status' }, h('p', {}, `${message} (${accountName(accounts, draft.accountId)})`),
      h('p', {}, link(`/drafts/${draft.id}`, 'Open the post'),
        draft.publication && draft.publication.url ? [' · ', h('a', { href: draft.publication.url, rel: 'noopener noreferrer', target: '_blank' }, 'view it on the platform')] : null)));
  }
  if (!queue.items.length) {
    root.append(notice('Nothing is waiting for approval.'));
    return;
  }
  // Who has not consented is read from each waiting post's history, only where consent is outstanding.
  const histories = new Map(await Promise.all(queue.items.filter((d) => d.consent.pending || d.consent.refused)
    .map(async (d) => [d.id, (await getAll(`drafts/${d.id}/history?limit=200`).catch(() => ({ items: [] }))).items])));
  root.append(h('p', {}, `${queue.items.length} post${queue.items.length === 1 ? '' : 's'} waiting, oldest first.`));
  const after = async (message, draft) => {
    lastDecision = { message, draft };
    await reload();
    announce(message);
  };
  root.append(h('ol', { class: 'cards' }, queue.items.map((d) => h('li', { class: 'card' },
    h('h2', {}, `${accountName(accounts, d.accountId)} — waiting ${duration(d.waitingSince)}`),
    h('p', { class: 'meta' }, `From ${name(d.authorId)} since ${fmtTime(d.waitingSince)} · ${d.approvals.length} of ${d.requiredApprovals} approval(s) · `, link(`/drafts/${d.id}`, 'details and history')),
    postPreview(d, accounts.get(d.accountId)), findingsList(d.findings), consentLine(d, histories.get(d.id), name),
    decisions(d, { me, after })))));
}

/** The card's decisions are the row's allowedActions; with none, say so rather than show an empty card. */
function decisions(draft, ctx) {
  const controls = actionControls(DRAFT_ACTIONS, draft, ctx, 'queue');
  if (!controls) return h('p', { class: 'meta' }, 'Nothing for you to decide here: another manager must decide on this post.');
  return h('div', {}, consentBlocksApproval(draft), controls);
}
