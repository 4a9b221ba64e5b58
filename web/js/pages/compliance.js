import { get } from '../api.js';
import { badge, duration, fmtDate, fmtTime, h, link, table } from '../dom.js';
import { accountName, loadAccounts, loadStaff, staffName } from '../people.js';
import { icoClock } from '../concern-clock.js';
import { callerMay } from '../actions/render.js';

const tile = (label, value, bad, href) => h('li', { class: `tile ${bad ? 'bad' : 'good'}` }, h('span', { class: 'value' }, String(value)), href ? link(href, label) : label);

export async function render({ root, me }) {
  const [report, accounts, staff] = await Promise.all([get('reports/compliance'), loadAccounts(), loadStaff(me)]);
  root.append(h('h1', {}, 'Compliance'), h('p', { class: 'meta' }, `Generated ${fmtTime(report.generatedAt)}`));
  const queue = report.approvalQueue;
  root.append(h('ul', { class: 'tiles', 'aria-label': 'Summary' },
    tile('leavers who still have access (must be 0)', report.leaversWithAccess.length, report.leaversWithAccess.length > 0),
    tile('staff who have not acknowledged the policy', report.staffWithoutPolicyAcknowledgement.length, report.staffWithoutPolicyAcknowledgement.length > 0, '/policy'),
    tile('DPIA reviews due within 30 days', report.dpiaReviewsDueWithin30Days.length, report.dpiaReviewsDueWithin30Days.length > 0, '/dpias'),
    tile('open offboarding tasks', report.openOffboardingTasks, report.openOffboardingTasks > 0),
    tile(`posts waiting for approval${queue.oldestWaitingSince ? `, oldest ${duration(queue.oldestWaitingSince)}` : ''}`, queue.pending, false, callerMay(me, 'review_drafts') ? '/approvals' : null),
    tile('open concerns', report.openConcerns ?? 0, false, '/concerns'),
    tile('data breaches awaiting a decision', (report.breachesAwaitingDecision || []).length, (report.breachesAwaitingDecision || []).length > 0, '/concerns'),
    tile('data breaches past the ICO deadline (must be 0)', (report.breachesPastDeadline || []).length, (report.breachesPastDeadline || []).length > 0, '/concerns')));
  if ((report.breachesAwaitingDecision || []).length) {
    root.append(h('h2', {}, 'Data breaches awaiting a decision'), h('ul', {}, report.breachesAwaitingDecision.map((b) => h('li', {},
      link(`/concerns/${b.concernId}`, icoClock({ decision: null, icoDeadline: b.icoDeadline })), ` (deadline ${fmtTime(b.icoDeadline)})`))));
  }
  if (report.leaversWithAccess.length) root.append(h('div', { class: 'error-summary', role: 'alert' }, h('h2', {}, 'Leavers with access'), h('ul', {}, report.leaversWithAccess.map((id) => h('li', {}, link(`/staff/${id}`, staffName(staff, id, me)))))));
  if (report.staffWithoutPolicyAcknowledgement.length) root.append(h('h2', {}, 'Not yet acknowledged the policy'), h('ul', {}, report.staffWithoutPolicyAcknowledgement.map((id) => h('li', {}, staffName(staff, id, me)))));
  if (report.dpiaReviewsDueWithin30Days.length) root.append(h('h2', {}, 'DPIA reviews due soon'), h('ul', {}, report.dpiaReviewsDueWithin30Days.map((id) => h('li', {}, link(`/accounts/${id}/dpia`, accountName(accounts, id))))));
  root.append(h('h2', {}, 'Accounts'), table(['Account', 'Status', 'Can publish', 'DPIA', 'Authorised staff', 'Credentials'], report.accounts.map((a) => [
    link(`/accounts/${a.id}`, `${a.name} (${a.platform})`), badge(a.status), a.publishable ? 'yes' : h('strong', {}, 'no'),
    h('span', {}, badge(a.dpiaStatus), a.dpiaReviewDueAt ? ` review ${fmtDate(a.dpiaReviewDueAt)}` : ''),
    String(Array.isArray(a.authorisedStaff) ? a.authorisedStaff.length : a.authorisedStaff),
    a.credentialsInvalid ? h('span', { class: 'badge bad' }, 'refused') : a.credentialRotationRequired ? h('span', { class: 'badge bad' }, 'rotate') : 'ok',
  ]), 'Accounts'));
}
