import { getAll } from '../api.js';
import { badge, fmtDate, h, link, notice, table } from '../dom.js';

const DAY = 86400000;

export async function render({ root }) {
  root.append(h('h1', {}, 'DPIAs and review dates'));
  const page = await getAll('accounts?limit=200');
  const now = Date.now();
  const rows = page.items.map((a) => {
    const due = a.dpia && a.dpia.reviewDueAt ? new Date(a.dpia.reviewDueAt).getTime() : null;
    return { a, due, soon: due !== null && due - now < 30 * DAY };
  }).sort((x, y) => (x.due ?? Infinity) - (y.due ?? Infinity));
  const waiting = rows.filter((r) => r.a.dpia && r.a.dpia.status === 'awaiting_sign_off');
  root.append(waiting.length ? h('div', { class: 'warning' }, `${waiting.length} DPIA${waiting.length === 1 ? '' : 's'} waiting for sign-off.`) : notice('No DPIA is waiting for sign-off.'));
  root.append(table(['Account', 'DPIA', 'Review due', 'Assessment'], rows.map(({ a, due, soon }) => [
    `${a.name} (${a.platform})`, badge(a.dpia ? a.dpia.status : 'not_started'),
    due === null ? '—' : h('span', { class: soon ? 'badge bad' : '' }, `${fmtDate(a.dpia.reviewDueAt)}${soon ? ' (within 30 days)' : ''}`),
    link(`/accounts/${a.id}/dpia`, `Open DPIA for ${a.name}`),
  ]), 'DPIAs'));
}
