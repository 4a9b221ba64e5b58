import { pager, query } from '../api.js';
import { badge, fmtTime, h, link, moreButton, notice, select } from '../dom.js';
import { icoClock, isUrgent, KIND_LABELS } from '../concern-clock.js';
import { callerMay } from '../actions/render.js';

/** The concerns the caller may see: all for managers, their own for staff. */
export async function render({ root, query: params, me, navigate }) {
  const investigator = callerMay(me, 'investigate_concerns');
  root.append(h('h1', {}, investigator ? 'Concerns' : 'My concerns'), h('p', {}, link('/concerns/new', 'Report a concern', { class: 'button' })));
  const status = params.get('status') || '';
  const kind = params.get('kind') || '';
  const statusFilter = select('status', [['', 'Any status'], ['open', 'Open'], ['investigating', 'Investigating'], ['resolved', 'Resolved']], { value: status, id: 'concern-status' });
  const kindFilter = select('kind', [['', 'Any kind'], ...Object.entries(KIND_LABELS)], { value: kind, id: 'concern-kind' });
  const filters = h('form', { class: 'filters', 'aria-label': 'Filter concerns' },
    h('label', { for: 'concern-status' }, 'Status'), statusFilter, h('label', { for: 'concern-kind' }, 'Kind'), kindFilter,
    h('button', { type: 'submit', class: 'secondary' }, 'Show'));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`/concerns${query({ status: statusFilter.value, kind: kindFilter.value })}`);
  });
  root.append(filters);
  const pages = pager(`concerns${query({ status, kind, limit: 50 })}`);
  const items = await pages.next();
  if (!items.length) {
    root.append(notice('No concerns to show.'));
    return;
  }
  const list = h('ul', { class: 'card-list' });
  const row = (c) => h('li', { class: 'card' },
    h('h2', {}, link(`/concerns/${c.id}`, `${KIND_LABELS[c.kind] || c.kind}, reported ${fmtTime(c.reportedAt)}`)),
    h('p', {}, badge(c.status),
      c.involvesServiceUsers ? ' · involves people we support' : '',
      c.breach ? h('span', { class: isUrgent(c.breach) ? 'badge bad' : 'badge warn' }, ` ${icoClock(c.breach)}`) : null));
  for (const c of items) list.append(row(c));
  root.append(list, moreButton('Show more concerns', pages, row, list));
}
