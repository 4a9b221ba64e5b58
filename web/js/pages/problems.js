import { get, getAll } from '../api.js';
import { post } from '../api.js';
import { announce, fmtTime, h, input, link, miniForm, notice } from '../dom.js';
import { accountName, loadAccounts } from '../people.js';
import { outcome, postPreview } from '../post-view.js';
import { actionControls } from '../actions/render.js';
import { DRAFT_ACTIONS } from '../actions/draft.js';
import { excerpt } from './drafts.js';

const KINDS = [
  ['held', 'Held', 'Publishing was stopped at the last check. Confirm to publish as planned, or withdraw.'],
  ['failed', 'Failed', 'The platform refused these posts. Retry once the cause is fixed.'],
  ['unconfirmed', 'Unconfirmed', 'Nobody knows whether these went out. Check the platform and record what happened.'],
  ['published', 'Published', 'Live posts; take one down if it must go.'],
];

export async function render({ root, me, reload }) {
  const accounts = await loadAccounts();
  root.append(h('h1', {}, 'Posts that need attention'));
  const after = async (message) => {
    await reload();
    announce(message);
  };
  for (const [status, title, help] of KINDS) {
    const page = await get(`drafts?status=${status}&limit=${status === 'published' ? 20 : 200}`);
    root.append(h('h2', {}, `${title} (${page.items.length}${status === 'published' && page.nextCursor ? '+' : ''})`), h('p', { class: 'hint' }, help));
    if (!page.items.length) {
      root.append(notice(`No ${title.toLowerCase()} posts.`));
      continue;
    }
    root.append(h('ul', { class: 'cards' }, page.items.map((d) => h('li', { class: 'card' },
      h('h3', {}, link(`/drafts/${d.id}`, excerpt(d))),
      h('p', { class: 'meta' }, `${accountName(accounts, d.accountId)} · updated ${fmtTime(d.updatedAt)} · `, outcome(d)),
      status === 'published' ? null : postPreview(d, accounts.get(d.accountId)),
      actionControls(DRAFT_ACTIONS, d, { me, after }, 'attention')))));
  }
  // Work to do by hand on the platform, e.g. removing a post where the platform's API cannot delete.
  const tasks = await getAll('platform-tasks?status=open&limit=200');
  root.append(h('h2', {}, `Tasks on the platforms (${tasks.items.length})`), h('p', { class: 'hint' }, 'Things Gatehouse could not do through the platform\'s API. Do them by hand, then record what you did.'));
  if (!tasks.items.length) root.append(notice('No open tasks.'));
  else root.append(h('ul', { class: 'cards' }, tasks.items.map((task) => h('li', { class: 'card' },
    h('h3', {}, `${task.kind.replace(/_/g, ' ')} on ${accountName(accounts, task.accountId)}`),
    h('p', {}, task.reason, task.draftId ? [' · ', link(`/drafts/${task.draftId}`, 'the post')] : null),
    h('p', { class: 'meta' }, `Opened ${fmtTime(task.createdAt)}`),
    miniForm({ fields: [['Note (what you did)', input('note')]], submit: 'Mark done',
      onSubmit: async (f) => { await post(`platform-tasks/${task.id}/complete`, { note: f.note.value.trim() }); await after('Task done.'); } })))));
}
