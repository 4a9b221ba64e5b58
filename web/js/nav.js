// The main menu, grouped so it fits a phone: behind a "Menu" button on narrow screens, in labelled
// groups on wide ones. app.js decides which links to show (what GET /me says the caller may do); this only lays them out.
import { clear, h } from './dom.js';

const GROUPS = [
  ['Posts', ['/', '/drafts/new', '/drafts', '/consent', '/approvals', '/problems', '/concerns', '/concerns/new', '/calendar']],
  ['Accounts', ['/accounts', '/dpias', '/compliance', '/content-rules', '/connections/setup', '/audit']],
  ['People', ['/staff', '/policy']],
];
const OTHER = 'You';

export function renderMenu(nav, items, current, signOutButton) {
  const grouped = new Map([...GROUPS.map(([label]) => [label, []]), [OTHER, []]]);
  for (const item of items) {
    const group = GROUPS.find(([, hrefs]) => hrefs.includes(item[0]));
    grouped.get(group ? group[0] : OTHER).push(item);
  }
  const panel = h('div', { class: 'menu-groups', id: 'menu-groups' },
    [...grouped].filter(([, links]) => links.length || (signOutButton && grouped.get(OTHER) === links)).map(([label, links], i) => h('div', { class: 'menu-group' },
      h('span', { class: 'menu-group-label', id: `menu-group-${i}` }, label),
      h('ul', { 'aria-labelledby': `menu-group-${i}` },
        links.map(([href, text]) => h('li', {}, h('a', { href, 'data-link': true, 'aria-current': current === href ? 'page' : null }, text))),
        label === OTHER && signOutButton ? h('li', {}, signOutButton) : null))));
  const toggle = h('button', { type: 'button', class: 'menu-toggle', 'aria-expanded': 'false', 'aria-controls': 'menu-groups' }, 'Menu');
  toggle.addEventListener('click', () => {
    const open = !nav.classList.contains('open');
    nav.classList.toggle('open', open);
    toggle.setAttribute('aria-expanded', String(open));
  });
  nav.classList.remove('open');
  clear(nav).append(...(items.length || signOutButton ? [toggle, panel] : []));
}
