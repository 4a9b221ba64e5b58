import { get, getAll, post } from '../api.js';
import { act, announce, badge, clear, field, fmtDate, fmtTime, h, input, localToIso, miniForm, notice, showError, table, textarea } from '../dom.js';
import { accountName, forgetCaches, loadAccounts, loadStaff, staffName } from '../people.js';
import { actionControls, callerMay, offersAt } from '../actions/render.js';
import { STAFF_ACTIONS } from '../actions/staff.js';

export async function render({ root, params, me, reload }) {
  const person = await get(`staff/${params.id}`);
  const [staff, accounts] = await Promise.all([loadStaff(me), loadAccounts()]);
  const name = (id) => staffName(staff, id, me);
  const after = async (message) => {
    forgetCaches();
    await reload();
    if (message) announce(message);
  };
  // Every control below is one the server offers on this person (their allowedActions), nothing else.
  const ctx = { me, staff, after };
  const controls = (place) => actionControls(STAFF_ACTIONS, person, ctx, place);
  const offered = (place) => offersAt(STAFF_ACTIONS, person, place).length > 0;

  root.append(h('h1', {}, person.displayName), h('dl', { class: 'panel' },
    h('dt', {}, 'Email'), h('dd', {}, person.email),
    h('dt', {}, 'Roles'), h('dd', {}, person.roles.join(', ')),
    h('dt', {}, 'Status'), h('dd', {}, badge(person.status), person.leavingAt ? ` ${person.status === 'left' ? 'left' : 'leaving'} ${fmtTime(person.leftAt || person.leavingAt)}` : ''),
    h('dt', {}, 'Line manager'), h('dd', {}, person.lineManagerId ? name(person.lineManagerId) : '—'),
    h('dt', {}, 'Training'), h('dd', {}, person.trainingCompletedAt ? `completed ${fmtDate(person.trainingCompletedAt)}` : 'not recorded'),
    h('dt', {}, 'Policy'), h('dd', {}, person.policyAcknowledgement ? `version ${person.policyAcknowledgement.policyVersion} acknowledged ${fmtDate(person.policyAcknowledgement.acknowledgedAt)}` : 'not acknowledged')));

  root.append(controls('page') || '', controls('edit') || '');
  const reinstate = controls('reinstate');
  if (reinstate) {
    root.append(h('section', { class: 'panel', 'aria-labelledby': 'reinstate-h' }, h('h2', { id: 'reinstate-h' }, 'Reinstate'),
      h('p', {}, `${person.displayName} can sign in again. Nothing offboarding removed comes back: a manager authorises them again, and they acknowledge the current policy again.`),
      reinstate));
  }

  const auths = await getAll(`staff/${person.id}/authorisations?limit=200`).catch(() => ({ items: [] }));
  root.append(h('h2', {}, 'Authorisations'), auths.items.length ? table(['Account', 'Granted', 'State'], auths.items.map((a) => [
    accountName(accounts, a.accountId), `${fmtDate(a.grantedAt)} by ${name(a.grantedById)}`, a.active ? badge('active') : `revoked ${fmtDate(a.revokedAt)}${a.revokeReason ? ` (${a.revokeReason})` : ''}`,
  ]), 'Authorisations') : h('p', {}, 'None.'));

  if (person.status === 'left' || person.leavingAt) await offboardingReport(root, person, name, accounts, after, callerMay(me, 'complete_offboarding_tasks'));
  const cancel = person.leavingAt ? controls('offboard') : null;
  if (cancel) {
    root.append(h('section', { class: 'panel', 'aria-labelledby': 'offboard-h' }, h('h2', { id: 'offboard-h' }, 'Offboard'),
      notice(`Leaving is scheduled for ${fmtTime(person.leavingAt)}.`, 'warning'), cancel));
  } else if (!person.leavingAt && offered('offboard-form') && person.id !== me.id) {
    // Offering someone their own offboarding would be a trap: an admin leaves through another admin.
    const leaverAccounts = [...new Set(auths.items.filter((a) => a.active).map((a) => a.accountId))];
    offboardingForm(root, person, staff, name, accounts, after, await authorisedOnAll(leaverAccounts));
  }
}

/** Offboarding: fill in, preview what will happen, confirm. Nothing changes before the confirm. */
function offboardingForm(root, person, staff, name, accounts, after, authorised) {
  const section = h('section', { class: 'panel', 'aria-labelledby': 'offboard-h' }, h('h2', { id: 'offboard-h' }, 'Offboard'));
  // Only someone authorised on the leaver's accounts can submit the posts handed to them (the server's
  // submit rule); a manager can at least review and withdraw them, so managers are offered apart.
  const fits = (id) => !authorised || authorised.has(id);
  const active = [...staff.values()].filter((s) => s.status === 'active' && s.id !== person.id);
  const canPost = active.filter((s) => fits(s.id) && (authorised || s.roles.includes('staff') || s.roles.includes('manager')));
  const managersOnly = active.filter((s) => !fits(s.id) && s.roles.includes('manager'));
  const transferSelect = h('select', { name: 'transferToId' }, h('option', { value: '' }, 'Default: their line manager, else each account owner'),
    canPost.length ? h('optgroup', { label: 'Authorised on their accounts' }, canPost.map((s) => h('option', { value: s.id }, s.displayName))) : null,
    managersOnly.length ? h('optgroup', { label: 'Managers not authorised on all their accounts' }, managersOnly.map((s) => h('option', { value: s.id }, `${s.displayName} (manager)`))) : null);
  const transferWarning = h('div', { 'aria-live': 'polite' });
  const warnTransfer = () => {
    const chosen = transferSelect.value || person.lineManagerId;
    const unfit = chosen && !fits(chosen);
    transferWarning.replaceChildren(unfit
      ? notice(`${name(chosen)} is not authorised on all of ${person.displayName}'s accounts, so cannot submit the posts handed over until a manager authorises them.`, 'warning')
      : !canPost.length ? notice(`Nobody else is authorised on all of ${person.displayName}'s accounts: whoever receives the posts must be authorised before they can submit them.`, 'warning') : '');
  };
  transferSelect.addEventListener('change', warnTransfer);
  warnTransfer();
  const form = h('form', { novalidate: true },
    field('Reason', textarea('reason', { rows: 2 })),
    field('Leaving at (optional)', input('effectiveAt', { type: 'datetime-local' }), 'Leave empty to end their access now.'),
    field('Hand their posts to', transferSelect, 'People authorised on the accounts they post to can carry on with their posts.'), transferWarning,
    h('button', { type: 'submit' }, 'Preview offboarding'));
  const preview = h('div', { 'aria-live': 'polite' });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(form, form.querySelector('button[type=submit]'), async () => {
      const p = await get(`staff/${person.id}/offboarding-preview`);
      const body = { reason: form.reason.value.trim() };
      const when = localToIso(form.effectiveAt.value);
      if (when) body.effectiveAt = when;
      if (form.transferToId.value) body.transferToId = form.transferToId.value;
      const confirmButton = h('button', { type: 'button', class: 'danger' }, when ? `Confirm: ${person.displayName} leaves on ${fmtTime(when)}` : `Confirm: end ${person.displayName}'s access now`);
      const box = h('div', { class: 'warning offboarding-preview', tabindex: '-1' },
        h('h3', {}, 'If you confirm, Gatehouse will:'),
        h('ul', {},
          h('li', {}, `sign out ${p.sessionsRevoked} open session(s)`),
          h('li', {}, `revoke ${p.revokedAuthorisations.length} authorisation(s)`),
          h('li', {}, `hand ${p.draftsTransferred.length} draft(s) to ${form.transferToId.value ? name(form.transferToId.value) : p.transferToId ? name(p.transferToId) : 'each account owner'}`),
          h('li', {}, `return ${p.submissionsReturned.length} submitted post(s) to draft`),
          h('li', {}, `hold ${p.postsHeld.length} scheduled post(s) for a manager to confirm`),
          h('li', {}, `flag ${p.accountsRequiringCredentialRotation.length} account(s) for credential rotation${p.accountsRequiringCredentialRotation.length ? `: ${p.accountsRequiringCredentialRotation.map((id) => accountName(accounts, id)).join(', ')}` : ''}`),
          h('li', {}, `open ${p.tasks.length} task(s) to remove platform admin roles${p.tasks.length ? `: ${p.tasks.map((t) => accountName(accounts, t.accountId)).join(', ')}` : ''}`)),
        confirmButton, h('button', { type: 'button', class: 'secondary', onclick: () => clear(preview) }, 'Cancel'));
      confirmButton.addEventListener('click', () => act(box, confirmButton, async () => {
        await post(`staff/${person.id}/offboard`, body);
        await after(when ? 'Leave scheduled.' : 'Offboarded.');
      }));
      clear(preview).append(box);
      box.focus();
    });
  });
  // A changed form must be previewed again before it can be confirmed.
  form.addEventListener('input', () => clear(preview));
  form.addEventListener('change', () => clear(preview));
  section.append(form, preview);
  root.append(section);
}

/** Ids of the staff actively authorised on every one of `accountIds`; null (anyone fits) when there are none. */
async function authorisedOnAll(accountIds) {
  const lists = await Promise.all(accountIds.map((id) => getAll(`accounts/${id}/authorisations?active=true&limit=200`).catch(() => ({ items: [] }))));
  const sets = lists.map((l) => new Set(l.items.filter((a) => a.active).map((a) => a.staffId)));
  if (!sets.length) return null;
  return new Set([...sets[0]].filter((id) => sets.every((set) => set.has(id))));
}

async function offboardingReport(root, person, name, accounts, after, canComplete) {
  let report;
  try {
    report = await get(`staff/${person.id}/offboarding-report`);
  } catch (error) {
    if (error.status === 404) return;
    throw error;
  }
  const open = report.tasks.filter((t) => t.status === 'open');
  const section = h('section', { class: 'panel offboarding-report', 'aria-labelledby': 'report-h' }, h('h2', { id: 'report-h' }, 'Offboarding report'),
    h('p', {}, `Reason: ${report.reason}. Effective ${fmtTime(report.effectiveAt)}${report.completedAt ? `, completed ${fmtTime(report.completedAt)}` : ', not yet carried out'} by ${report.actorId ? name(report.actorId) : 'the identity provider'}.`),
    h('ul', {},
      h('li', {}, `${report.sessionsRevoked} session(s) signed out`),
      h('li', {}, `${report.revokedAuthorisations.length} authorisation(s) revoked`),
      h('li', {}, `${report.draftsTransferred.length} draft(s) handed over, ${report.submissionsReturned.length} submission(s) returned to draft`),
      h('li', {}, `${report.postsHeld.length} scheduled post(s) held`),
      h('li', {}, `${report.accountsRequiringCredentialRotation.length} account(s) need new credentials`)),
    h('h3', {}, `Open tasks (${open.length})`));
  if (!report.tasks.length) section.append(h('p', {}, 'No tasks.'));
  for (const task of report.tasks) {
    const item = h('div', { class: 'card' }, h('p', {}, `${task.kind.replace(/_/g, ' ')} on ${accountName(accounts, task.accountId)} `, badge(task.status)));
    if (task.status === 'open' && canComplete) {
      item.append(miniForm({ fields: [['Note (what you did)', input('note')]], submit: 'Mark done',
        onSubmit: async (f) => { await post(`offboarding-tasks/${task.id}/complete`, { note: f.note.value.trim() }); await after('Task done.'); } }));
    }
    section.append(item);
  }
  root.append(section);
}

export { showError };
