import { get, getAll } from '../api.js';
import { announce, fmtTime, h, link, notice } from '../dom.js';
import { loadStaff, staffName } from '../people.js';
import { consentBlocksApproval, consentLine, findingsList, outcome, postPreview } from '../post-view.js';
import { removalSection } from '../removal-request.js';
import { actionControls, offersAt } from '../actions/render.js';
import { DRAFT_ACTIONS } from '../actions/draft.js';

export async function render({ root, params, me, reload }) {
  const draft = await get(`drafts/${params.id}`);
  const [account, events, staff] = await Promise.all([get(`accounts/${draft.accountId}`).catch(() => null), getAll(`drafts/${draft.id}/history?limit=200`), loadStaff(me)]);
  const name = (id) => staffName(staff, id, me);
  const after = async (message) => {
    await reload();
    if (message) announce(message);
  };

  root.append(h('h1', {}, 'Post'), h('p', { class: 'status-line' }, 'Status: ', outcome(draft)),
    h('p', { class: 'meta' }, `Written by ${name(draft.authorId)}${draft.ownerId !== draft.authorId ? `, now with ${name(draft.ownerId)}` : ''} · revision ${draft.revision.number} · ${draft.approvals.length} of ${draft.requiredApprovals} approval(s)`),
    postPreview(draft, account), h('p', {}, link(`/drafts/${draft.id}/previews`, 'See how it will look on Facebook, Instagram, LinkedIn and YouTube')),
    findingsList(draft.findings), consentLine(draft, events.items, name));

  // Only what the server says this person may do now (allowedActions).
  const actions = actionControls(DRAFT_ACTIONS, draft, { me, after });
  if (actions) {
    root.append(h('section', { 'aria-labelledby': 'actions-h' }, h('h2', { id: 'actions-h' }, 'What you can do'),
      offersAt(DRAFT_ACTIONS, draft, 'queue').length ? consentBlocksApproval(draft) : null, actions));
  }
  root.append(removalSection(draft, me, after));
  if (account && account.mode === 'sandbox' && draft.publication) root.append(notice('Published to the sandbox. ', 'notice'), link(`/sandbox?accountId=${account.id}`, 'See the sandbox'));

  root.append(h('h2', {}, 'What happened'), h('ol', { class: 'timeline' }, events.items.map((e) => h('li', {},
    h('strong', {}, sentence(e.action)), ` by ${e.actorId ? name(e.actorId) : 'Gatehouse'} on ${fmtTime(e.at)}`,
    e.toStatus ? ` → ${e.toStatus.replace(/_/g, ' ')}` : '',
    e.details && (e.details.comment || e.details.reason) ? h('div', { class: 'meta' }, `“${e.details.comment || e.details.reason}”`) : null))));
}

/** "changes_requested" -> "Changes requested" */
const sentence = (action) => {
  const words = action.replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
