import { pager } from '../api.js';
import { fmtTime, h, link, moreButton, notice, select, table, tableRow } from '../dom.js';
import { accountName, loadAccounts } from '../people.js';
import { outcome } from '../post-view.js';
import { callerMay } from '../actions/render.js';

const STATUSES = ['draft', 'submitted', 'changes_requested', 'rejected', 'scheduled', 'publishing', 'published', 'failed', 'unconfirmed', 'held', 'withdrawn', 'taken_down'];

export async function render({ root, me, query, navigate }) {
  const broad = callerMay(me, 'see_all_drafts');
  const mine = !broad || query.get('mine') === 'true';
  const status = query.get('status') || '';
  const pages = pager(`drafts?limit=100${mine ? '&mine=true' : ''}${status ? `&status=${encodeURIComponent(status)}` : ''}`);
  const first = await pages.next();
  const accounts = await loadAccounts();
  root.append(h('h1', {}, mine ? 'Your posts' : 'Posts'));
  const filter = h('form', { class: 'inline-actions', role: 'search' },
    h('div', { class: 'field' }, h('label', { for: 'status-filter' }, 'Status'), select('status', [['', 'Any status'], ...STATUSES.map((s) => [s, s.replace(/_/g, ' ')])], { id: 'status-filter', value: status })),
    broad ? h('div', { class: 'check' }, h('input', { type: 'checkbox', id: 'mine-filter', name: 'mine', checked: mine }), h('label', { for: 'mine-filter' }, 'Only mine')) : null,
    h('button', { type: 'submit' }, 'Show'));
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (filter.status.value) params.set('status', filter.status.value);
    if (broad && filter.mine.checked) params.set('mine', 'true');
    navigate(`/drafts${params.toString() ? `?${params}` : ''}`);
  });
  root.append(filter, h('p', {}, link('/drafts/new', 'Write a post', { class: 'button' })));
  if (!first.length) {
    root.append(notice('No posts to show.'));
    return;
  }
  const cells = (d) => [link(`/drafts/${d.id}`, excerpt(d)), accountName(accounts, d.accountId), outcome(d), fmtTime(d.updatedAt)];
  const headers = ['Post', 'Account', 'What happened', 'Updated'];
  const list = table(headers, first.map(cells), 'Posts');
  const row = (d) => tableRow(headers, cells(d));
  root.append(list, moreButton('Show older posts', pages, row, list.querySelector('tbody')));
}

export function excerpt(d) {
  const text = (d.revision.title || d.revision.text || '(no text)').replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
