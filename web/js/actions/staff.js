// How each staff action the server may allow is offered (API.md sections 4, 13, 19). The keys are the
// server's action names: on a person, their `allowedActions`; on the staff list, GET /me's `callerActions`
// (render with `callerSubject(me)`). The server alone decides which apply.
// Places on a person's page: "page" (buttons), "edit", "reinstate", "offboard" (beside a scheduled leave);
// `offboard` itself is the page's own preview-then-confirm form, drawn when it is offered ("offboard-form").
// On the staff list: "list".
import { del, patch, post } from '../api.js';
import { checkbox, h, input, select } from '../dom.js';

export const ROLES = [['staff', 'Staff'], ['manager', 'Registered Manager or deputy'], ['admin', 'Office admin'], ['dpo', 'Data Protection Officer'], ['safeguarding_lead', 'Safeguarding lead']];

const rolesField = (checked) => h('fieldset', {}, h('legend', {}, 'Roles'), ROLES.map(([value, label]) => checkbox('roles', label, checked(value), { value })));
const rolesOf = (form) => [...form.querySelectorAll('input[name=roles]:checked')].map((el) => el.value);
// A line manager must be someone who manages: which colleagues do is data about them, not about the caller.
const managers = (ctx, person) => [...ctx.staff.values()].filter((s) => s.status === 'active' && s.roles && s.roles.includes('manager') && s.id !== person.id);

export const STAFF_ACTIONS = {
  record_training: {
    label: 'Record training completed today', style: 'secondary',
    run: (p) => patch(`staff/${p.id}`, { trainingCompletedAt: new Date().toISOString() }),
    done: () => 'Training recorded.',
  },
  // Also how someone created through SCIM sets their first password.
  reset_password: {
    label: 'Email a password reset link', style: 'secondary', stay: true,
    run: (p) => post(`staff/${p.id}/password-reset`),
    done: () => 'A reset link is on its way to them (valid 30 minutes).',
  },
  edit: [
    {
      place: 'edit', heading: 'Edit details', label: 'Save details', open: true,
      fields: (p, ctx) => [
        ['Name', input('displayName', { value: p.displayName })],
        ['Line manager', select('lineManagerId', [['', 'None'], ...managers(ctx, p).map((m) => [m.id, m.displayName])], { value: p.lineManagerId || '' }), 'Receives their posts if they leave.'],
      ],
      run: (p, f) => patch(`staff/${p.id}`, { displayName: f.displayName.value.trim(), lineManagerId: f.lineManagerId.value || null }),
      done: () => 'Details saved.',
    },
    {
      place: 'edit', label: 'Save roles', open: true,
      fields: (p) => [rolesField((value) => p.roles.includes(value))],
      run: (p, f) => patch(`staff/${p.id}`, { roles: rolesOf(f) }),
      done: () => 'Roles saved.',
    },
  ],
  reinstate: {
    place: 'reinstate', label: (p) => `Reinstate ${p.displayName}`, open: true,
    fields: () => [['Reason', input('reason'), 'For example: rehired, or offboarded by mistake.']],
    run: (p, f) => post(`staff/${p.id}/reinstate`, { reason: f.reason.value.trim() }),
    done: (_r, p) => `${p.displayName} is reinstated.`,
  },
  cancel_leave: {
    place: 'offboard', label: 'Cancel the scheduled leave', style: 'secondary',
    run: (p) => del(`staff/${p.id}/offboard`),
    done: () => 'Scheduled leave cancelled.',
  },
  offboard: { place: 'offboard-form', label: 'Preview offboarding' },
};

/** Actions on the staff as a whole (GET /me's `callerActions`). */
export const STAFF_LIST_ACTIONS = {
  create_staff: {
    place: 'list', heading: 'Add a staff member', label: 'Add staff member', open: true,
    fields: (_s, ctx) => [
      ['Full name', input('displayName', { autocomplete: 'off' })],
      ['Email address', input('email', { type: 'email', autocomplete: 'off' })],
      rolesField((value) => value === 'staff'),
      ['First password', input('password', { type: 'password', autocomplete: 'new-password' }), 'At least 12 characters. Ask them to change it when they first sign in.'],
      ['Line manager (optional)', select('lineManagerId', [['', 'None'], ...ctx.active.map((s) => [s.id, s.displayName])])],
    ],
    run: (_s, f) => {
      const body = { displayName: f.displayName.value.trim(), email: f.email.value.trim(), roles: rolesOf(f), password: f.password.value };
      if (f.lineManagerId.value) body.lineManagerId = f.lineManagerId.value;
      return post('staff', body);
    },
  },
};
