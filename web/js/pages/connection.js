// The page the platform's sign-in comes back to: choose what to connect, or read why it did not work.
import { ApiError, get, post } from '../api.js';
import { actionButton, fmtTime, h, input, link, miniForm, notice, select, showError } from '../dom.js';
import { forgetCaches, loadStaff } from '../people.js';
import { KIND_NAMES, PLATFORM_NAMES, PLATFORM_OF_KIND, startConnection } from '../connect.js';

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

  if (connection.status === 'failed') {
    const [title, text] = FAILURES[connection.failure.code] || ['The connection failed', () => connection.failure.message];
    root.append(h('h1', {}, title), h('div', { class: 'warning', role: 'note' }, text(platform)),
      h('p', { class: 'hint' }, `${platform} said: ${connection.failure.message}`), h('div', { class: 'inline-actions' }, again(), link('/accounts', 'Back to accounts')));
    return;
  }
  if (connection.status === 'expired') {
    root.append(h('h1', {}, 'This sign-in has expired'), notice('A sign-in must be finished within 15 minutes, and used within 30 minutes of coming back. Its tokens have been erased.', 'warning'), h('div', { class: 'inline-actions' }, again()));
    return;
  }
  if (connection.status === 'pending') {
    root.append(h('h1', {}, `Waiting for ${platform}`), notice(`${platform} has not sent you back yet. If you closed the consent page, start again (before ${fmtTime(connection.expiresAt)}).`), h('div', { class: 'inline-actions' }, again()));
    return;
  }
  if (connection.status === 'used') {
    root.append(h('h1', {}, 'Connected'), notice(`This ${platform} sign-in has been used.`), connection.accountId ? h('p', {}, link(`/accounts/${connection.accountId}`, 'Open the account')) : null);
    return;
  }

  if (account) {
    const granted = connection.candidates.some((c) => c.externalId === account.externalId && PLATFORM_OF_KIND[c.kind] === account.platform);
    root.append(h('h1', {}, `Reconnect ${account.name}`));
    if (!granted) {
      root.append(h('div', { class: 'warning', role: 'note' }, `The ${platform} login you used does not manage ${account.name} (platform id ${account.externalId}). ${hintFor(platform)}`),
        listOf(connection.candidates, 'What this login may publish to instead'), h('div', { class: 'inline-actions' }, again()));
      return;
    }
    const box = h('div', { class: 'panel' }, h('p', {}, `${platform} confirmed this login may publish to ${account.name}. Its new token replaces the stored one.`));
    box.append(actionButton(`Use this sign-in for ${account.name}`, box, async () => {
      try {
        await post(`accounts/${account.id}/connect`, { connectionId: connection.id });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'ACCOUNT_NOT_GRANTED') return showError(box, error);
        throw error;
      }
      forgetCaches();
      await navigate(`/accounts/${account.id}`);
    }));
    root.append(box);
    return;
  }

  root.append(h('h1', {}, `Choose what to connect from ${platform}`), h('p', { class: 'hint' }, `Use within 30 minutes (before ${fmtTime(connection.expiresAt)}). One account per sign-in; sign in again for another.`));
  const staff = await loadStaff(me);
  const managers = [...staff.values()].filter((s) => s.status === 'active' && s.roles.includes('manager'));
  const choices = h('fieldset', {}, h('legend', {}, 'Account'), connection.candidates.map((c, i) => {
    const id = `candidate-${i}`;
    return h('div', { class: 'check' }, h('input', { type: 'radio', name: 'candidate', id, value: String(i), checked: i === 0 }), h('label', { for: id }, `${c.name} — ${KIND_NAMES[c.kind]} (id ${c.externalId})`));
  }));
  root.append(miniForm({
    fields: [
      choices,
      ['Name in Gatehouse (optional)', input('name'), 'Leave empty to use the name on the platform.'],
      ['Owner (a manager)', select('ownerId', [['', 'Choose…'], ...managers.map((m) => [m.id, m.displayName])])],
      ['Approvals needed per post', select('requiredApprovals', [['1', '1'], ['2', '2']])],
    ],
    submit: 'Connect this account',
    onSubmit: async (form) => {
      const chosen = connection.candidates[Number(form.querySelector('input[name="candidate"]:checked').value)];
      const body = { platform: PLATFORM_OF_KIND[chosen.kind], externalId: chosen.externalId, ownerId: form.ownerId.value, requiredApprovals: Number(form.requiredApprovals.value), connectionId: connection.id };
      if (form.name.value.trim()) body.name = form.name.value.trim();
      const created = await post('accounts', body);
      forgetCaches();
      await navigate(`/accounts/${created.id}`);
    },
  }));
}

function listOf(candidates, title) {
  if (!candidates.length) return null;
  return h('div', {}, h('h2', {}, title), h('ul', {}, candidates.map((c) => h('li', {}, `${c.name} — ${KIND_NAMES[c.kind]} (id ${c.externalId})`))));
}
