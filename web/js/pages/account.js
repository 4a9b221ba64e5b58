import { getAll, get } from '../api.js';
import { announce, badge, fmtDate, fmtTime, h, link, notice, table } from '../dom.js';
import { forgetCaches, loadStaff, staffName } from '../people.js';
import { actionControls, callerMay } from '../actions/render.js';
import { ACCOUNT_ACTIONS } from '../actions/account.js';
import { AUTHORISATION_ACTIONS } from '../actions/authorisations.js';

/** One account: what it is, and only the actions the server allows the caller on it (allowedActions). */
export async function render({ root, params, me, reload, navigate }) {
  const id = params.id;
  const account = await get(`accounts/${id}`);
  const staff = await loadStaff(me);
  const name = (sid) => staffName(staff, sid, me);
  const after = async (message) => {
    forgetCaches();
    await reload();
    if (message) announce(message);
  };
  // The authorisations are for those the server lets read them; each says whether the caller may revoke it.
  const auths = await getAll(`accounts/${id}/authorisations?active=true&limit=200`).catch((error) => (error.status === 403 ? null : Promise.reject(error)));
  const ctx = { me, staff, name, after, navigate, authorised: new Set((auths ? auths.items : []).map((a) => a.staffId)) };
  const controls = (place) => actionControls(ACCOUNT_ACTIONS, account, ctx, place);

  root.append(h('h1', {}, `${account.name}`),
    h('dl', { class: 'panel' },
      h('dt', {}, 'Platform'), h('dd', {}, `${account.platform} · ${account.mode} · platform id ${account.externalId}`),
      h('dt', {}, 'Status'), h('dd', {}, badge(account.status), ' ', account.publishable ? 'Posts can be published.' : 'Nothing can be published from it yet.',
        // Why there is no Activate yet: the server offers it once the DPO has approved the DPIA.
        account.status === 'pending_dpia' && account.dpia.status !== 'approved' ? h('span', { class: 'hint' }, ' It can be activated once its DPIA is approved.') : null),
      h('dt', {}, 'Owner'), h('dd', {}, name(account.ownerId)),
      h('dt', {}, 'Approvals per post'), h('dd', {}, String(account.requiredApprovals)),
      h('dt', {}, 'DPIA'), h('dd', {}, badge(account.dpia.status), account.dpia.reviewDueAt ? ` review due ${fmtDate(account.dpia.reviewDueAt)} ` : ' ',
        callerMay(me, 'read_dpias') ? link(`/accounts/${id}/dpia`, 'Open the DPIA') : null),
      h('dt', {}, 'Credentials'), h('dd', {}, account.hasCredentials ? `Stored${account.credentialsExpireAt ? `, expire ${fmtTime(account.credentialsExpireAt)}` : ''}` : 'None stored',
        account.credentialRotationRequired ? h('span', { class: 'badge bad' }, ' rotation required') : null,
        account.credentialsInvalid ? h('span', { class: 'badge bad' }, ' refused by the platform') : null)));

  root.append(controls('edit') || '');
  const status = controls('status');
  if (status) root.append(h('div', { class: 'panel' }, h('h2', {}, 'Status'), status));
  const connection = controls('connection');
  if (connection) {
    root.append(h('div', { class: 'panel' }, h('h2', {}, 'Connection'),
      h('p', { class: 'hint' }, account.credentialsInvalid || account.credentialRotationRequired
        ? 'The stored token no longer works or must be replaced: reconnect with a platform login that manages this account.'
        : 'Ask the platform whether the stored token still works; Gatehouse also checks every night.'), connection));
  }
  root.append(controls('credentials') || '');

  const addAdmin = controls('platform-admins');
  const removeButtons = account.platformAdmins.map((sid) => actionControls(ACCOUNT_ACTIONS, account, { ...ctx, item: sid }, 'platform-admin'));
  if (addAdmin || account.platformAdmins.length) {
    root.append(h('div', {}, h('h2', {}, 'Platform admins'), h('p', { class: 'hint' }, 'Who holds an admin role on the platform itself. When they leave, a task opens to remove it.'),
      account.platformAdmins.length ? h('ul', {}, account.platformAdmins.map((sid, i) => h('li', { class: 'inline-actions' }, name(sid), removeButtons[i]))) : h('p', {}, 'None recorded.'),
      addAdmin));
  }

  const authorise = controls('authorisations');
  if (auths || authorise) {
    const items = auths ? auths.items : [];
    const section = h('div', {}, h('h2', {}, 'Staff authorised to post'));
    section.append(items.length ? table(['Staff member', 'Granted', 'Expires', 'Reason', 'Revoke'], items.map((a) => [
      name(a.staffId), `${fmtDate(a.grantedAt)} by ${name(a.grantedById)}`, a.expiresAt ? fmtTime(a.expiresAt) : 'no expiry', a.reason,
      actionControls(AUTHORISATION_ACTIONS, a, ctx, 'row') || '',
    ]), 'Authorised staff') : h('p', {}, 'Nobody is authorised yet.'), authorise);
    root.append(section);
  }
  if (account.mode === 'sandbox') root.append(notice('This is a sandbox account: posts never leave Gatehouse.'), h('p', {}, link(`/sandbox?accountId=${id}`, 'See what this sandbox has published')));
}
