import { getAll } from '../api.js';
import { announce, duration, fmtTime, h, link, notice } from '../dom.js';
import { accountName, loadAccounts, loadStaff, staffName } from '../people.js';
import { consentLine, findingsList, managerActions, postPreview } from '../post-view.js';

/** The approval queue, oldest first, each post as it will appear with its findings and consent. */
export async function render({ root, me, reload }) {
  const [queue, accounts, staff] = await Promise.all([getAll('approvals?limit=200'), loadAccounts(), loadStaff(me)]);
  root.append(h('h1', {}, 'Approval queue'));
  if (!queue.items.length) {
    root.append(notice('Nothing is waiting for approval.'));
    return;
  }
  root.append(h('p', {}, `${queue.items.length} post${queue.items.length === 1 ? '' : 's'} waiting, oldest first.`));
  const after = async (message) => {
    await reload();
    announce(message);
  };
  root.append(h('ol', { class: 'cards' }, queue.items.map((d) => h('li', { class: 'card' },
    h('h3', {}, `${accountName(accounts, d.accountId)} — waiting ${duration(d.waitingSince)}`),
    h('p', { class: 'meta' }, `From ${staffName(staff, d.authorId, me)} since ${fmtTime(d.waitingSince)} · ${d.approvals.length} of ${d.requiredApprovals} approval(s) · `, link(`/drafts/${d.id}`, 'details and history')),
    postPreview(d, accounts.get(d.accountId)), findingsList(d.findings), consentLine(d.consent),
    managerActions(d, me, after)))));
}
