// The page the platform's sign-in comes back to: choose what to connect, or read why it did not work.
import { get } from '../api.js';
import { actionButton, fmtTime, h, link, notice } from '../dom.js';
import { loadStaff } from '../people.js';
import { KIND_NAMES, PLATFORM_NAMES, PLATFORM_OF_KIND, startConnection } from '../connect.js';
import { actionControls } from '../actions/render.js';
import { CONNECTION_ACTIONS } from '../actions/connection.js';

const FAILURES = {
  CONSENT_REFUSED: ['Permission was not given', (p) => `The ${p} sign-in came back without permission: “Cancel” or “Not now” was chosen on the consent page. Nothing was connected. Try again and choose Continue or Allow, keeping every permission ticked.`],
  NOTHING_GRANTED: ['Nothing was granted', (p) => `The ${p} login you used gave Gatehouse nothing it can publish to. ${hintFor(p)}`],
  OFFLINE_ACCESS_MISSING: ['Google did not allow lasting access', () => 'Google gave no refresh token, so the connection would stop working within the hour. In the Google account, open Security → Third-party access, remove Gatehouse, then connect again.'],
  EXCHANGE_FAILED: ['The sign-in could not be finished', (p) => `${p} did not complete the sign-in. Try again; if it keeps failing, an administrator should check the app settings (client id, secret and redirect URI).`],
};

function hintFor(platform) {
  if (platform === 'Facebook' || platform === 'Instagram') return 'Sign in with a Facebook profile that has full control (or “Create content”) on the Page, and tick the Page — and its Instagram account — on the consent page.';
  if (platform === 'LinkedIn') return 'Sign in with a LinkedIn member who is a Super admin or Content admin of the organisation page.';
  return 'Sign in with the Google account that owns the YouTube channel (for a brand channel, choose the channel when Google asks).';
}

export async function render({ root, params, me, navigate }) {
  const connection = await get(`connections/${params.id}`);
  const platform = PLATFORM_NAMES[connection.platform];
  const account = connection.accountId ? await get(`accounts/${connection.accountId}`).catch(() => null) : null;
  const again = () => actionButton(account ? `Sign in to ${platform} again` : `Try ${platform} again`, root, () => startConnection(navigate, connection.platform, account ? account.id : undefined));
  const staff = await loadStaff(me);
  const managers = [...staff.values()].filter((s) => s.status === 'active' && s.roles.includes('manager'));
  const ctx = { me, navigate, account, managers, box: root, after: () => navigate(location.pathname, { replace: true }) };
  // What may be done with this sign-in is the server's answer (allowedActions); the status only explains it.
  const controls = (place) => actionControls(CONNECTION_ACTIONS, connection, ctx, place);
  const discard = () => controls('page');

  if (connection.failure) {
    const [title, text] = FAILURES[connection.failure.code] || ['The connection failed', () => connection.failure.message];
    root.append(h('h1', {}, title), h('div', { class: 'warning', role: 'note' }, text(platform)),
      h('p', { class: 'hint' }, `${platform} said: ${connection.failure.message}`), h('div', { class: 'inline-actions' }, again(), link('/accounts', 'Back to accounts')), discard());
    return;
  }
  // The server's one action, `choose`, picks an account to create, or confirms the one the sign-in was started for.
  const choose = account ? null : controls('choose');
  const reconnect = account ? controls('reconnect') : null;
  if (!choose && !reconnect) {
    const [title, text] = STATES[connection.status] || STATES.authorised;
    root.append(h('h1', {}, title(platform)), notice(text(platform, connection), connection.status === 'used' ? 'notice' : 'warning'),
      connection.accountId ? h('p', {}, link(`/accounts/${connection.accountId}`, 'Open the account')) : null,
      connection.status === 'used' ? null : h('div', { class: 'inline-actions' }, again()), discard());
    return;
  }

  if (account) {
    const granted = connection.candidates.some((c) => c.externalId === account.externalId && PLATFORM_OF_KIND[c.kind] === account.platform);
    root.append(h('h1', {}, `Reconnect ${account.name}`));
    if (!granted) {
      root.append(h('div', { class: 'warning', role: 'note' }, `The ${platform} login you used does not manage ${account.name} (platform id ${account.externalId}). ${hintFor(platform)}`),
        listOf(connection.candidates, 'What this login may publish to instead'), h('div', { class: 'inline-actions' }, again()), discard());
      return;
    }
    const box = h('div', { class: 'panel' }, h('p', {}, `${platform} confirmed this login may publish to ${account.name}. Its new token replaces the stored one.`));
    // A refusal shows in this panel, where the button is.
    box.append(actionControls(CONNECTION_ACTIONS, connection, { ...ctx, box }, 'reconnect'));
    root.append(box, discard());
    return;
  }

  root.append(h('h1', {}, `Choose what to connect from ${platform}`), h('p', { class: 'hint' }, `Use within 30 minutes (before ${fmtTime(connection.expiresAt)}). One account per sign-in; sign in again for another.`));
  root.append(choose, discard());
}

/** What a sign-in that can no longer be used says, by its status. */
const STATES = {
  expired: [() => 'This sign-in has expired', () => 'A sign-in must be finished within 15 minutes, and used within 30 minutes of coming back. Its tokens have been erased.'],
  pending: [(p) => `Waiting for ${p}`, (p, c) => `${p} has not sent you back yet. If you closed the consent page, start again (before ${fmtTime(c.expiresAt)}).`],
  used: [() => 'Connected', (p) => `This ${p} sign-in has been used.`],
  authorised: [(p) => `Signed in to ${p}`, (p) => `This ${p} sign-in is ready, but there is nothing you may do with it.`],
};

function listOf(candidates, title) {
  if (!candidates.length) return null;
  return h('div', {}, h('h2', {}, title), h('ul', {}, candidates.map((c) => h('li', {}, `${c.name} — ${KIND_NAMES[c.kind]} (id ${c.externalId})`))));
}
