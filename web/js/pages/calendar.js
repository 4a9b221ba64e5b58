import { getAll } from '../api.js';
import { badge, h, link, select, table } from '../dom.js';
import { accountName, loadAccounts } from '../people.js';
import { excerpt } from './drafts.js';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** What the calendar can show: the drafts list's own status filter, one request per status. */
const SHOWN = [['', 'Scheduled and published', ['scheduled', 'published']], ['scheduled', 'Scheduled', ['scheduled']], ['published', 'Published', ['published']]];

const pad = (n) => String(n).padStart(2, '0');
export const dayKey = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const parseDay = (value) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || '');
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
};
const addDays = (d, n) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
const monday = (d) => addDays(d, -((d.getDay() + 6) % 7));

/** When a post is (or was) on the calendar: its publication, else the time it is scheduled for. */
const when = (d) => (d.publication ? d.publication.publishedAt : d.scheduledFor);

/** Scheduled and published posts by day, a week or a month at a time, each opening the post. */
export async function render({ root, query, navigate }) {
  const view = query.get('view') === 'week' ? 'week' : 'month';
  const anchor = parseDay(query.get('date')) || new Date();
  const accountId = query.get('accountId') || '';
  const shown = SHOWN.find(([value]) => value === (query.get('status') || '')) || SHOWN[0];
  const [accounts, ...lists] = await Promise.all([loadAccounts(),
    ...shown[2].map((status) => getAll(`drafts?status=${status}&limit=200${accountId ? `&accountId=${encodeURIComponent(accountId)}` : ''}`))]);

  const first = view === 'week' ? monday(anchor) : monday(new Date(anchor.getFullYear(), anchor.getMonth(), 1));
  const last = view === 'week' ? addDays(first, 6) : addDays(monday(new Date(anchor.getFullYear(), anchor.getMonth() + 1, 0)), 6);
  const byDay = new Map();
  for (const d of lists.flatMap((l) => l.items)) {
    const at = when(d);
    if (!at) continue;
    const key = dayKey(new Date(at));
    if (!byDay.has(key)) byDay.set(key, []);
    byDay.get(key).push(d);
  }
  for (const posts of byDay.values()) posts.sort((a, b) => when(a).localeCompare(when(b)));

  const title = view === 'week'
    ? `Week of ${first.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}`
    : anchor.toLocaleDateString('en-GB', { month: 'long', year: 'numeric' });
  const to = (changes) => {
    const values = { view, date: dayKey(anchor), accountId, status: shown[0], ...changes };
    return `/calendar?${new URLSearchParams(Object.entries(values).filter(([, v]) => v))}`;
  };
  const step = (n) => dayKey(view === 'week' ? addDays(anchor, 7 * n) : new Date(anchor.getFullYear(), anchor.getMonth() + n, 1));

  root.append(h('h1', {}, 'Calendar'));
  const filter = h('form', { class: 'inline-actions', role: 'search', 'aria-label': 'What the calendar shows' },
    h('div', { class: 'field' }, h('label', { for: 'cal-account' }, 'Account'),
      select('accountId', [['', 'All accounts'], ...[...accounts.values()].map((a) => [a.id, `${a.name} (${a.platform})`])], { id: 'cal-account', value: accountId })),
    h('div', { class: 'field' }, h('label', { for: 'cal-status' }, 'Which posts'), select('status', SHOWN.map(([value, label]) => [value, label]), { id: 'cal-status', value: shown[0] })),
    h('button', { type: 'submit' }, 'Show'));
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(to({ accountId: filter.accountId.value, status: filter.status.value }));
  });
  root.append(filter,
    h('nav', { class: 'inline-actions calendar-nav', 'aria-label': 'Calendar pages' },
      link(to({ date: step(-1) }), view === 'week' ? 'Previous week' : 'Previous month'),
      link(to({ date: dayKey(new Date()) }), 'Today'),
      link(to({ date: step(1) }), view === 'week' ? 'Next week' : 'Next month'),
      view === 'week' ? link(to({ view: 'month' }), 'Month view') : link(to({ view: 'week' }), 'Week view')),
    h('h2', {}, title));

  const today = dayKey(new Date());
  const cell = (day) => {
    const key = dayKey(day);
    const posts = byDay.get(key) || [];
    const outside = view === 'month' && day.getMonth() !== anchor.getMonth();
    return h('div', { class: `cal-day${outside ? ' cal-out' : ''}${key === today ? ' cal-today' : ''}`, 'data-day': key },
      h('span', { class: 'cal-date' }, day.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' }), key === today ? ' (today)' : ''),
      posts.length ? h('ul', { class: 'cal-posts', 'aria-label': `Posts on ${day.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long' })}` }, posts.map((d) => h('li', {},
        h('span', { class: 'meta' }, new Date(when(d)).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }), ' '),
        link(`/drafts/${d.id}`, excerpt(d)), ' ', badge(d.status), h('span', { class: 'meta' }, ` ${accountName(accounts, d.accountId)}`)))) : null);
  };
  const weeks = [];
  for (let start = first; start <= last; start = addDays(start, 7)) weeks.push(DAYS.map((_, i) => cell(addDays(start, i))));
  root.append(h('div', { class: `calendar calendar-${view}` }, table(DAYS, weeks, `${title}: scheduled and published posts`)));
  const count = [...byDay.entries()].filter(([key]) => key >= dayKey(first) && key <= dayKey(last)).reduce((n, [, posts]) => n + posts.length, 0);
  root.append(h('p', { class: 'meta' }, count ? `${count} post${count === 1 ? '' : 's'} in this ${view}.` : `No ${shown[1].toLowerCase()} posts in this ${view}.`));
}
