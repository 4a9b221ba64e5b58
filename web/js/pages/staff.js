import { getAll, post } from '../api.js';
import { badge, checkbox, fmtDate, h, input, link, miniForm, notice, select, table } from '../dom.js';
import { forgetCaches } from '../people.js';

export const ROLES = [['staff', 'Staff'], ['manager', 'Registered Manager or deputy'], ['admin', 'Office admin'], ['dpo', 'Data Protection Officer'], ['safeguarding_lead', 'Safeguarding lead']];

export async function render({ root, me, query, navigate }) {
  const status = query.get('status') || 'active';
  const page = await getAll(`staff?status=${encodeURIComponent(status)}&limit=200`);
  const everyone = status === 'all' ? page : await getAll('staff?status=all&limit=200');
  const byId = new Map(everyone.items.map((s) => [s.id, s]));
  root.append(h('h1', {}, 'Staff'));
  const filter = select('status', [['active', 'Current staff'], ['left', 'Leavers'], ['all', 'Everyone']], { id: 'staff-status', value: status });
  filter.addEventListener('change', () => navigate(`/staff?status=${filter.value}`));
  root.append(h('div', { class: 'field' }, h('label', { for: 'staff-status' }, 'Show'), filter));
  if (!page.items.length) root.append(notice('Nobody to show.'));
  else root.append(table(['Name', 'Email', 'Roles', 'Status', 'Policy', 'Line manager'], page.items.map((s) => [
    link(`/staff/${s.id}`, s.displayName), s.email, s.roles.join(', '),
    h('span', {}, badge(s.status), s.leavingAt && s.status === 'active' ? ` leaving ${fmtDate(s.leavingAt)}` : ''),
    s.policyAcknowledgement ? `v${s.policyAcknowledgement.policyVersion}` : 'not acknowledged',
    s.lineManagerId ? (byId.get(s.lineManagerId) || { displayName: '—' }).displayName : '—',
  ]), 'Staff'));
  if (!me.roles.includes('admin')) return;
  const active = everyone.items.filter((s) => s.status === 'active');
  root.append(h('h2', {}, 'Add a staff member'), miniForm({
    fields: [
      ['Full name', input('displayName', { autocomplete: 'off' })],
      ['Email address', input('email', { type: 'email', autocomplete: 'off' })],
      h('fieldset', {}, h('legend', {}, 'Roles'), ROLES.map(([value, label]) => checkbox('roles', label, value === 'staff', { value }))),
      ['First password', input('password', { type: 'password', autocomplete: 'new-password' }), 'At least 12 characters. Ask them to change it when they first sign in.'],
      ['Line manager (optional)', select('lineManagerId', [['', 'None'], ...active.map((s) => [s.id, s.displayName])])],
    ],
    submit: 'Add staff member',
    onSubmit: async (form) => {
      const roles = [...form.querySelectorAll('input[name=roles]:checked')].map((el) => el.value);
      const body = { displayName: form.displayName.value.trim(), email: form.email.value.trim(), roles, password: form.password.value };
      if (form.lineManagerId.value) body.lineManagerId = form.lineManagerId.value;
      const created = await post('staff', body);
      forgetCaches();
      await navigate(`/staff/${created.id}`);
    },
  }));
}
