import { del, get, getAll, patch, post, put } from '../api.js';
import { actionButton, announce, badge, fmtDate, fmtTime, h, input, link, localToIso, miniForm, notice, select, table } from '../dom.js';
import { forgetCaches, loadStaff, staffName } from '../people.js';
import { startConnection } from '../connect.js';

export async function render({ root, params, me, reload, navigate }) {
  const id = params.id;
  const account = await get(`accounts/${id}`);
  const staff = await loadStaff(me);
  const isAdmin = me.roles.includes('admin');
  const isManager = me.roles.includes('manager');
  const name = (sid) => staffName(staff, sid, me);
  const after = async () => {
    forgetCaches();
    await reload();
  };

  root.append(h('h1', {}, `${account.name}`),
    h('dl', { class: 'panel' },
      h('dt', {}, 'Platform'), h('dd', {}, `${account.platform} · ${account.mode} · platform id ${account.externalId}`),
      h('dt', {}, 'Status'), h('dd', {}, badge(account.status), ' ', account.publishable ? 'Posts can be published.' : 'Nothing can be published from it yet.'),
      h('dt', {}, 'Owner'), h('dd', {}, name(account.ownerId)),
      h('dt', {}, 'Approvals per post'), h('dd', {}, String(account.requiredApprovals)),
      h('dt', {}, 'DPIA'), h('dd', {}, badge(account.dpia.status), account.dpia.reviewDueAt ? ` review due ${fmtDate(account.dpia.reviewDueAt)} ` : ' ',
        me.roles.some((r) => ['admin', 'manager', 'dpo'].includes(r)) ? link(`/accounts/${id}/dpia`, 'Open the DPIA') : null),
      h('dt', {}, 'Credentials'), h('dd', {}, account.hasCredentials ? `Stored${account.credentialsExpireAt ? `, expire ${fmtTime(account.credentialsExpireAt)}` : ''}` : 'None stored',
        account.credentialRotationRequired ? h('span', { class: 'badge bad' }, ' rotation required') : null,
        account.credentialsInvalid ? h('span', { class: 'badge bad' }, ' refused by the platform') : null)));

  if (isAdmin && account.status !== 'closed') {
    const managers = [...staff.values()].filter((p) => p.status === 'active' && p.roles.includes('manager'));
    root.append(h('h2', {}, 'Edit the account'), miniForm({ className: 'account-edit', fields: [
      ['Name', input('name', { value: account.name })],
      ['Owner (a manager)', select('ownerId', managers.map((m) => [m.id, m.displayName]), { value: account.ownerId }), 'The owner receives the posts of leavers who had no line manager.'],
      ['Approvals needed', select('requiredApprovals', [['1', 'One manager'], ['2', 'Two managers']], { value: String(account.requiredApprovals) }), 'How many managers other than the author must approve each post.'],
    ], submit: 'Save the account', onSubmit: async (f) => {
      await patch(`accounts/${id}`, { name: f.name.value.trim(), ownerId: f.ownerId.value, requiredApprovals: Number(f.requiredApprovals.value) });
      await after();
      announce('Account saved.');
    } }));
  }

  const canManage = isAdmin || isManager;
  if (canManage && account.status !== 'closed') {
    const actions = h('div', { class: 'panel' }, h('h2', {}, 'Status'));
    if (account.status !== 'active') {
      actions.append(actionButton('Activate', actions, async () => {
        await post(`accounts/${id}/activate`);
        await after();
      }));
    }
    if (account.status === 'active') actions.append(miniForm({ title: 'Suspend', fields: [['Reason', input('reason')]], submit: 'Suspend account', danger: true,
      onSubmit: async (f) => { await post(`accounts/${id}/suspend`, { reason: f.reason.value.trim() }); await after(); } }));
    if (isAdmin) {
      actions.append(miniForm({ title: 'Close (final)', fields: [['Reason', input('reason')]], submit: 'Close account', danger: true,
        onSubmit: async (f) => {
          if (!confirm('Closing is final: authorisations are revoked and unpublished posts withdrawn. Close it?')) return;
          await post(`accounts/${id}/close`, { reason: f.reason.value.trim() });
          await after();
        } }));
    }
    root.append(actions);
  }

  if (canManage && account.mode === 'live' && account.status !== 'closed') {
    const box = h('div', { class: 'panel' }, h('h2', {}, 'Connection'),
      h('p', { class: 'hint' }, account.credentialsInvalid || account.credentialRotationRequired
        ? 'The stored token no longer works or must be replaced: reconnect with a platform login that manages this account.'
        : 'Ask the platform whether the stored token still works; Gatehouse also checks every night.'));
    const result = h('p', { role: 'status' });
    if (account.hasCredentials) {
      box.append(actionButton('Check with the platform', box, async () => {
        const check = await post(`accounts/${id}/credentials/check`);
        result.textContent = check.valid
          ? `The token works${check.expiresAt ? ` until ${fmtTime(check.expiresAt)}` : ' and does not expire'}. Checked ${fmtTime(check.checkedAt)}.`
          : `The platform refused the token (checked ${fmtTime(check.checkedAt)}): reconnect the account.`;
        if (!check.valid) await after();
      }, { class: 'secondary' }));
    }
    if (isAdmin) box.append(actionButton(account.hasCredentials ? 'Reconnect' : 'Connect', box, () => startConnection(navigate, account.platform, id)));
    box.append(result);
    root.append(box);
  }

  if (isAdmin) {
    root.append(h('h2', {}, 'Credentials'), miniForm({
      fields: [
        h('p', { class: 'hint' }, `Write-only: stored encrypted and never shown again. Saving replaces what is stored.${account.mode === 'sandbox' ? ' A sandbox account needs none.' : ''}`),
        ['Access token', input('accessToken', { type: 'password', autocomplete: 'off' })],
        ['Refresh token (optional)', input('refreshToken', { type: 'password', autocomplete: 'off' })],
        ['Client id (optional)', input('clientId', { autocomplete: 'off' })],
        ['Client secret (optional)', input('clientSecret', { type: 'password', autocomplete: 'off' })],
        ['Access token expires (optional)', input('expiresAt', { type: 'datetime-local' })],
        ['Connected by', select('connectedById', [['', 'Me'], ...[...staff.values()].filter((s) => s.status === 'active' && s.id !== me.id).map((s) => [s.id, s.displayName])]),
          'Whose platform login issued the token: if they leave, the credentials must be rotated.'],
      ],
      submit: 'Save credentials',
      onSubmit: async (f) => {
        const body = { accessToken: f.accessToken.value };
        for (const key of ['refreshToken', 'clientId', 'clientSecret', 'connectedById']) if (f[key].value) body[key] = f[key].value;
        if (f.expiresAt.value) body.expiresAt = localToIso(f.expiresAt.value);
        await put(`accounts/${id}/credentials`, body);
        f.reset();
        await after();
      },
    }));
  }

  if (canManage) {
    const admins = h('div', {});
    admins.append(h('h2', {}, 'Platform admins'), h('p', { class: 'hint' }, 'Who holds an admin role on the platform itself. When they leave, a task opens to remove it.'),
      account.platformAdmins.length ? h('ul', {}, account.platformAdmins.map((sid) => h('li', {}, name(sid), ' ',
        actionButton('Remove', admins, async () => { await del(`accounts/${id}/platform-admins/${sid}`); await after(); }, { class: 'secondary', 'aria-label': `Remove ${name(sid)}` })))) : h('p', {}, 'None recorded.'),
      miniForm({ fields: [['Staff member', select('staffId', [['', 'Choose…'], ...[...staff.values()].filter((s) => s.status === 'active').map((s) => [s.id, s.displayName])])]], submit: 'Add platform admin',
        onSubmit: async (f) => { await post(`accounts/${id}/platform-admins`, { staffId: f.staffId.value }); await after(); } }));
    root.append(admins);

    const auths = await getAll(`accounts/${id}/authorisations?active=true&limit=200`);
    const section = h('div', {}, h('h2', {}, 'Staff authorised to post'));
    section.append(auths.items.length ? table(['Staff member', 'Granted', 'Expires', 'Reason', ''], auths.items.map((a) => [
      name(a.staffId), `${fmtDate(a.grantedAt)} by ${name(a.grantedById)}`, a.expiresAt ? fmtTime(a.expiresAt) : 'no expiry', a.reason,
      miniForm({ className: 'compact', fields: [[`Reason to revoke ${name(a.staffId)}`, input('reason')]], submit: 'Revoke', danger: true,
        onSubmit: async (f) => { await post(`authorisations/${a.id}/revoke`, { reason: f.reason.value.trim() }); await after(); } }),
    ]), 'Authorised staff') : h('p', {}, 'Nobody is authorised yet.'));
    if (isManager) {
      const authorised = new Set(auths.items.map((a) => a.staffId));
      const candidates = [...staff.values()].filter((s) => s.status === 'active' && !authorised.has(s.id) && s.id !== me.id);
      section.append(miniForm({ title: 'Authorise a staff member', fields: [
        ['Staff member', select('staffId', [['', 'Choose…'], ...candidates.map((s) => [s.id, s.displayName])])],
        ['Reason', input('reason'), 'Why they need to post to this account.'],
        ['Expires (optional)', input('expiresAt', { type: 'datetime-local' })],
      ], submit: 'Authorise', onSubmit: async (f) => {
        const body = { staffId: f.staffId.value, reason: f.reason.value.trim() };
        if (f.expiresAt.value) body.expiresAt = localToIso(f.expiresAt.value);
        await post(`accounts/${id}/authorisations`, body);
        await after();
      } }));
    }
    root.append(section);
  } else if (account.mode === 'sandbox') {
    root.append(notice('This is a sandbox account: posts never leave Gatehouse.'));
  }
  if (account.mode === 'sandbox') root.append(h('p', {}, link(`/sandbox?accountId=${id}`, 'See what this sandbox has published')));
}
