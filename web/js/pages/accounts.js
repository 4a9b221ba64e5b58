import { getAll, post } from '../api.js';
import { badge, fmtDate, h, input, link, miniForm, notice, select, table } from '../dom.js';
import { forgetCaches, loadStaff, staffName } from '../people.js';
import { PLATFORM_NAMES, startConnection } from '../connect.js';
import { callerMay } from '../actions/render.js';

export const PLATFORMS = ['facebook', 'instagram', 'linkedin', 'youtube'];

export async function render({ root, me, navigate }) {
  const broad = callerMay(me, 'see_all_accounts');
  root.append(h('h1', {}, broad ? 'Accounts' : 'Accounts you are authorised on'));
  const page = await getAll('accounts?limit=200');
  const staff = await loadStaff(me);
  if (!page.items.length) root.append(notice(broad ? 'No accounts yet.' : 'You are not authorised on any account yet. Ask your Registered Manager.', 'warning'));
  else {
    root.append(table(['Account', 'Platform', 'Mode', 'Status', 'Can publish', 'DPIA', 'Owner'], page.items.map((a) => [
      link(`/accounts/${a.id}`, a.name), a.platform, a.mode, badge(a.status),
      a.publishable ? h('span', { class: 'badge good' }, 'yes') : h('span', { class: 'badge bad' }, 'no'),
      h('span', {}, badge(a.dpia ? a.dpia.status : 'not_started'), a.dpia && a.dpia.reviewDueAt ? ` review ${fmtDate(a.dpia.reviewDueAt)}` : ''),
      staffName(staff, a.ownerId, me),
    ]), 'Accounts'));
  }
  // Connecting and adding an account are both creating one (POST /accounts), offered when the server says so.
  if (!callerMay(me, 'create_account')) return;
  root.append(h('h2', {}, 'Connect an account'), miniForm({
    fields: [
      h('p', { class: 'hint' }, 'Sign in to the platform with a login that manages the Page, organisation or channel; Gatehouse keeps the token, nobody sees it.'),
      ['Platform to connect', select('platform', PLATFORMS.map((p) => [p, PLATFORM_NAMES[p]]))],
    ],
    submit: 'Connect',
    onSubmit: (form) => startConnection(navigate, form.platform.value),
  }));
  const managers = [...staff.values()].filter((s) => s.status === 'active' && s.roles.includes('manager'));
  root.append(h('h2', {}, 'Add an account by hand'), h('p', { class: 'hint' }, 'For a sandbox account, or a live one whose token was obtained elsewhere (then stored on the account page).'), miniForm({
    fields: [
      ['Platform', select('platform', PLATFORMS)],
      ['Name', input('name')],
      ['Platform id', input('externalId'), 'The Facebook Page id, Instagram user id, LinkedIn organisation id or YouTube channel id.'],
      ['Owner (a manager)', select('ownerId', [['', 'Choose…'], ...managers.map((m) => [m.id, m.displayName])])],
      ['Mode', select('mode', [['live', 'live: publishes to the platform'], ['sandbox', 'sandbox: for training, never leaves Gatehouse']])],
      ['Approvals needed per post', select('requiredApprovals', [['1', '1'], ['2', '2']])],
    ],
    submit: 'Add account',
    onSubmit: async (form) => {
      const account = await post('accounts', {
        platform: form.platform.value, name: form.name.value.trim(), externalId: form.externalId.value.trim(),
        ownerId: form.ownerId.value, mode: form.mode.value, requiredApprovals: Number(form.requiredApprovals.value),
      });
      forgetCaches();
      await navigate(`/accounts/${account.id}`);
    },
  }));
}
