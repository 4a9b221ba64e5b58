import { get, getAll, post } from '../api.js';
import { actionButton, announce, fmtTime, h, link, notice } from '../dom.js';
import { loadStaff, staffName } from '../people.js';
import { consentLine, findingsList, managerActions, outcome, postPreview } from '../post-view.js';
import { removalSection } from '../removal-request.js';

// The server's rules (src/drafts/draft-lifecycle.ts): who may do what from which status.
const EDITABLE = ['draft', 'changes_requested', 'submitted', 'scheduled', 'held'];
const WITHDRAWABLE = ['draft', 'submitted', 'changes_requested', 'scheduled', 'held', 'failed'];

export async function render({ root, params, me, reload }) {
  const draft = await get(`drafts/${params.id}`);
  const [account, events, staff] = await Promise.all([get(`accounts/${draft.accountId}`).catch(() => null), getAll(`drafts/${draft.id}/history?limit=200`), loadStaff(me)]);
  const name = (id) => staffName(staff, id, me);
  const isOwner = draft.ownerId === me.id;
  const isManager = me.roles.includes('manager');
  const after = async (message) => {
    await reload();
    if (message) announce(message);
  };

  root.append(h('h1', {}, 'Post'), h('p', { class: 'status-line' }, 'Status: ', outcome(draft)),
    h('p', { class: 'meta' }, `Written by ${name(draft.authorId)}${draft.ownerId !== draft.authorId ? `, now with ${name(draft.ownerId)}` : ''} · revision ${draft.revision.number} · ${draft.approvals.length} of ${draft.requiredApprovals} approval(s)`),
    postPreview(draft, account), findingsList(draft.findings), consentLine(draft, events.items, name));

  const actions = h('div', { class: 'inline-actions' });
  if (isOwner && EDITABLE.includes(draft.status)) actions.append(link(`/drafts/${draft.id}/edit`, draft.status === 'changes_requested' ? 'Edit: make the requested changes' : 'Edit', { class: `button${draft.status === 'changes_requested' ? '' : ' secondary'}` }));
  // Changes requested: the post goes back through the editor (a new revision) before it can be submitted.
  if (isOwner && draft.status === 'draft') {
    actions.append(actionButton('Submit for approval', actions, async () => { await post(`drafts/${draft.id}/submit`); await after('Submitted for approval.'); }));
  }
  if ((isOwner || isManager) && WITHDRAWABLE.includes(draft.status)) {
    actions.append(actionButton('Withdraw', actions, async () => {
      if (!confirm('Withdraw this post? It will not be published.')) return;
      await post(`drafts/${draft.id}/withdraw`);
      await after('Withdrawn.');
    }, { class: 'danger' }));
  }
  if (actions.children.length) root.append(actions);
  if (isManager) {
    const box = managerActions(draft, me, after);
    if (box) root.append(h('h2', {}, 'Manager actions'), box);
  }
  root.append(removalSection(draft, me, after));
  if (account && account.mode === 'sandbox' && draft.status === 'published') root.append(notice('Published to the sandbox. ', 'notice'), link(`/sandbox?accountId=${account.id}`, 'See the sandbox'));

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
