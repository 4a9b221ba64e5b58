// Boots the app: who is signed in, the menu of what the server lets them do, and history-based routing to one
// lazily loaded module per page.
import { get, request, whenSignedOut } from './api.js';
import { clear, h, showError } from './dom.js';
import { renderMenu } from './nav.js';
import { callerMay } from './actions/render.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');

const ROUTES = [
  ['/', 'home'],
  ['/sign-in', 'login'],
  ['/password', 'password'],
  ['/policy', 'policy'],
  ['/accounts', 'accounts'],
  ['/accounts/:id', 'account'],
  ['/accounts/:id/dpia', 'dpia'],
  ['/dpias', 'dpias'],
  ['/drafts', 'drafts'],
  ['/drafts/new', 'draft-editor'],
  ['/drafts/:id', 'draft'],
  ['/drafts/:id/edit', 'draft-editor'],
  ['/drafts/:id/previews', 'previews'],
  ['/calendar', 'calendar'],
  ['/consent', 'consent'],
  ['/approvals', 'approvals'],
  ['/problems', 'problems'],
  ['/sandbox', 'sandbox'],
  ['/compliance', 'compliance'],
  ['/staff', 'staff'],
  ['/staff/:id', 'staff-member'],
  ['/connections/setup', 'connection-setup'],
  ['/connections/:id', 'connection'],
  ['/audit', 'audit'],
  ['/content-rules', 'content-rules'],
  ['/forgot-password', 'forgot-password'],
  ['/reset-password', 'reset-password'],
  ['/concerns', 'concerns'],
  ['/concerns/new', 'concern-new'],
  ['/concerns/:id', 'concern'],
];

export const session = { me: null };
/** Pages for someone not signed in. */
const SIGNED_OUT_PAGES = ['/sign-in', '/forgot-password', '/reset-password'];
/** Whether GET /me's callerActions include `action`: the menu shows what the server lets the caller open. */
const may = (action) => callerMay(session.me, action);

function match(path) {
  for (const [pattern, page] of ROUTES) {
    const names = [];
    const re = new RegExp(`^${pattern.replace(/:([a-z]+)/g, (_, n) => (names.push(n), '([^/]+)'))}/?$`);
    const m = re.exec(path);
    if (m) return { page, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return null;
}

function menu() {
  const items = [];
  if (session.me) {
    items.push(['/', 'Home'], ['/policy', 'Policy'], ['/drafts', 'Posts'], ['/drafts/new', 'Write a post'], ['/calendar', 'Calendar'], ['/accounts', 'Accounts'], ['/consent', 'Consent']);
    if (may('review_drafts')) items.push(['/approvals', 'Approvals'], ['/problems', 'Needs attention']);
    if (may('list_staff')) items.push(['/staff', 'Staff']);
    if (may('read_dpias')) items.push(['/dpias', 'DPIAs']);
    if (may('read_compliance')) items.push(['/compliance', 'Compliance']);
    if (may('read_content_rules')) items.push(['/content-rules', 'Content rules']);
    items.push(['/concerns', may('investigate_concerns') ? 'Concerns' : 'My concerns'], ['/concerns/new', 'Report a concern']);
    if (may('read_audit')) items.push(['/audit', 'Audit trail']);
    items.push(['/password', 'Password']);
  }
  const current = location.pathname;
  renderMenu(nav, items, current, session.me ? h('button', { type: 'button', onclick: signOut }, `Sign out ${session.me.displayName}`) : null);
}

async function signOut() {
  try {
    await request('DELETE', '/web/session');
  } catch {
    // Already over on the server; either way the person is signed out here.
  }
  session.me = null;
  navigate('/sign-in', { replace: true });
}

export async function refreshMe() {
  session.me = await get('me');
  return session.me;
}

let rendering = 0;
export async function render() {
  const ticket = ++rendering;
  const path = location.pathname;
  if (!session.me && !SIGNED_OUT_PAGES.includes(path)) {
    try {
      await refreshMe();
    } catch {
      return navigate(`/sign-in?next=${encodeURIComponent(path + location.search)}`, { replace: true });
    }
  }
  menu();
  const route = match(path);
  if (!route) {
    clear(main).append(h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '/', 'data-link': true }, 'Go to the home page')));
    return;
  }
  try {
    const module = await import(`./pages/${route.page}.js`);
    if (ticket !== rendering) return;
    const container = h('div', { class: 'page' });
    await module.render({ root: container, params: route.params, query: new URLSearchParams(location.search), me: session.me, navigate, reload: render });
    if (ticket !== rendering) return;
    clear(main).append(container);
    const heading = main.querySelector('h1');
    document.title = heading ? `${heading.textContent} – Gatehouse` : 'Gatehouse';
    main.focus();
  } catch (error) {
    if (error && error.status === 401) return;
    clear(main).append(h('h1', {}, 'Something went wrong'));
    showError(main, error);
  }
}

export function navigate(to, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  return render();
}

whenSignedOut((error) => {
  // Before anyone has signed in, render() itself sends the person to the sign-in page.
  if (!session.me) return;
  session.me = null;
  const next = location.pathname === '/sign-in' ? '' : `&next=${encodeURIComponent(location.pathname + location.search)}`;
  navigate(`/sign-in?ended=${encodeURIComponent(error.message)}${next}`, { replace: true });
});

document.addEventListener('click', (event) => {
  const a = event.target.closest && event.target.closest('a[data-link]');
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  navigate(a.getAttribute('href'));
});
window.addEventListener('popstate', render);
render();
