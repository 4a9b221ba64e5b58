// How each account action the server may allow is offered (API.md sections 6, 8, 15). The keys are the
// server's action names; the server alone decides which apply (`allowedActions`).
// Places on the account page: "edit", "status", "connection", "credentials", "platform-admins",
// "platform-admin" (beside each one listed; ctx.item is their id), "authorisations".
import { del, patch, post, put } from '../api.js';
import { fmtTime, h, input, localToIso, select } from '../dom.js';
import { startConnection } from '../connect.js';

const active = (ctx) => [...ctx.staff.values()].filter((s) => s.status === 'active');

export const ACCOUNT_ACTIONS = {
  edit: {
    place: 'edit', heading: 'Edit the account', label: 'Save the account',
    fields: (a, ctx) => [
      ['Name', input('name', { value: a.name })],
      ['Owner (a manager)', select('ownerId', active(ctx).filter((m) => m.roles.includes('manager')).map((m) => [m.id, m.displayName]), { value: a.ownerId }), 'The owner receives the posts of leavers who had no line manager.'],
      ['Approvals needed', select('requiredApprovals', [['1', 'One manager'], ['2', 'Two managers']], { value: String(a.requiredApprovals) }), 'How many managers other than the author must approve each post.'],
    ],
    open: true,
    run: (a, f) => patch(`accounts/${a.id}`, { name: f.name.value.trim(), ownerId: f.ownerId.value, requiredApprovals: Number(f.requiredApprovals.value) }),
    done: () => 'Account saved.',
  },
  activate: { place: 'status', label: 'Activate', run: (a) => post(`accounts/${a.id}/activate`), done: () => 'Account activated.' },
  suspend: {
    place: 'status', label: 'Suspend account', title: 'Suspend', open: true, danger: true,
    fields: () => [['Reason', input('reason')]],
    run: (a, f) => post(`accounts/${a.id}/suspend`, { reason: f.reason.value.trim() }),
    done: () => 'Account suspended.',
  },
  close: {
    place: 'status', label: 'Close account', title: 'Close (final)', open: true, danger: true,
    confirm: 'Closing is final: authorisations are revoked and unpublished posts withdrawn. Close it?',
    fields: () => [['Reason', input('reason')]],
    run: (a, f) => post(`accounts/${a.id}/close`, { reason: f.reason.value.trim() }),
    done: () => 'Account closed.',
  },
  check_credentials: {
    place: 'connection', label: 'Check with the platform', style: 'secondary', stay: true,
    run: async (a, _f, ctx) => {
      const check = await post(`accounts/${a.id}/credentials/check`);
      if (!check.valid) await ctx.after();
      return check;
    },
    done: (check) => (check.valid
      ? `The token works${check.expiresAt ? ` until ${fmtTime(check.expiresAt)}` : ' and does not expire'}. Checked ${fmtTime(check.checkedAt)}.`
      : `The platform refused the token (checked ${fmtTime(check.checkedAt)}): reconnect the account.`),
  },
  reconnect: {
    place: 'connection', label: (a) => (a.hasCredentials ? 'Reconnect' : 'Connect'), stay: true,
    run: (a, _f, ctx) => startConnection(ctx.navigate, a.platform, a.id),
  },
  set_credentials: {
    place: 'credentials', heading: 'Credentials', label: 'Save credentials', open: true,
    fields: (a, ctx) => [
      h('p', { class: 'hint' }, `Write-only: stored encrypted and never shown again. Saving replaces what is stored.${a.mode === 'sandbox' ? ' A sandbox account needs none.' : ''}`),
      ['Access token', input('accessToken', { type: 'password', autocomplete: 'off' })],
      ['Refresh token (optional)', input('refreshToken', { type: 'password', autocomplete: 'off' })],
      ['Client id (optional)', input('clientId', { autocomplete: 'off' })],
      ['Client secret (optional)', input('clientSecret', { type: 'password', autocomplete: 'off' })],
      ['Access token expires (optional)', input('expiresAt', { type: 'datetime-local' })],
      ['Connected by', select('connectedById', [['', 'Me'], ...active(ctx).filter((s) => s.id !== ctx.me.id).map((s) => [s.id, s.displayName])]),
        'Whose platform login issued the token: if they leave, the credentials must be rotated.'],
    ],
    run: (a, f) => {
      const body = { accessToken: f.accessToken.value };
      for (const key of ['refreshToken', 'clientId', 'clientSecret', 'connectedById']) if (f[key].value) body[key] = f[key].value;
      if (f.expiresAt.value) body.expiresAt = localToIso(f.expiresAt.value);
      return put(`accounts/${a.id}/credentials`, body);
    },
    done: () => 'Credentials saved.',
  },
  add_platform_admin: {
    place: 'platform-admins', label: 'Add platform admin', open: true,
    fields: (a, ctx) => [['Staff member', select('staffId', [['', 'Choose…'], ...active(ctx).map((s) => [s.id, s.displayName])])]],
    run: (a, f) => post(`accounts/${a.id}/platform-admins`, { staffId: f.staffId.value }),
    done: () => 'Platform admin added.',
  },
  remove_platform_admin: {
    place: 'platform-admin', label: 'Remove', style: 'secondary', ariaLabel: (a, ctx) => `Remove ${ctx.name(ctx.item)}`,
    run: (a, _f, ctx) => del(`accounts/${a.id}/platform-admins/${ctx.item}`),
    done: () => 'Platform admin removed.',
  },
  authorise: {
    place: 'authorisations', label: 'Authorise', title: 'Authorise a staff member', open: true,
    fields: (a, ctx) => [
      ['Staff member', select('staffId', [['', 'Choose…'], ...active(ctx).filter((s) => !ctx.authorised.has(s.id) && s.id !== ctx.me.id).map((s) => [s.id, s.displayName])])],
      ['Reason', input('reason'), 'Why they need to post to this account.'],
      ['Expires (optional)', input('expiresAt', { type: 'datetime-local' })],
    ],
    run: (a, f) => post(`accounts/${a.id}/authorisations`, { staffId: f.staffId.value, reason: f.reason.value.trim(), ...(f.expiresAt.value ? { expiresAt: localToIso(f.expiresAt.value) } : {}) }),
    done: () => 'Authorised.',
  },
};
