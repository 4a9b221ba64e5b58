import { getAll } from '../api.js';
import { badge, fmtDate, h, link, notice, select, table } from '../dom.js';
import { forgetCaches } from '../people.js';
import { actionControls, callerSubject } from '../actions/render.js';
import { STAFF_LIST_ACTIONS } from '../actions/staff.js';

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
  // Adding someone is offered when the server says the caller may (GET /me's callerActions).
  const active = everyone.items.filter((s) => s.status === 'active');
  const after = async (_message, created) => {
    forgetCaches();
    await navigate(`/staff/${created.id}`);
  };
  root.append(actionControls(STAFF_LIST_ACTIONS, callerSubject(me), { me, active, after }, 'list') || '');
}
