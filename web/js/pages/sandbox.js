import { pager } from '../api.js';
import { fmtTime, h, moreButton, notice } from '../dom.js';
import { accountName, loadAccounts } from '../people.js';

/** What sandbox accounts "published": for training and demonstrations. */
export async function render({ root, query }) {
  const accountId = query.get('accountId');
  const accounts = await loadAccounts();
  const sandboxes = [...accounts.values()].filter((a) => a.mode === 'sandbox');
  root.append(h('h1', {}, 'Sandbox'));
  const ids = accountId ? [accountId] : sandboxes.map((a) => a.id);
  if (!ids.length) {
    root.append(notice('There are no sandbox accounts.'));
    return;
  }
  for (const id of ids) {
    const pages = pager(`sandbox/posts?accountId=${encodeURIComponent(id)}&limit=100`);
    const items = await pages.next();
    root.append(h('h2', {}, accountName(accounts, id)));
    if (!items.length) {
      root.append(notice('Nothing published here yet.'));
      continue;
    }
    const card = (p) => h('li', { class: 'card' },
      h('p', { class: 'meta' }, `Published ${fmtTime(p.publishedAt)}${p.removedAt ? ` · taken down ${fmtTime(p.removedAt)}` : ''}`),
      h('div', { class: 'post-preview' }, p.title ? h('span', { class: 'post-title' }, p.title) : null, p.text, p.link ? h('p', {}, p.link) : null));
    const list = h('ul', { class: 'cards sandbox-posts' }, items.map(card));
    root.append(list, moreButton('Show older posts', pages, card, list));
  }
}
