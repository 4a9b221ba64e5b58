import { get } from '../api.js';
import { announce, badge, fmtTime, h, notice } from '../dom.js';
import { loadStaff, staffName } from '../people.js';
import { icoClock, isUrgent, KIND_LABELS } from '../concern-clock.js';
import { actionControls, callerMay } from '../actions/render.js';
import { CONCERN_ACTIONS } from '../actions/concern.js';

/** One concern: what was reported, the ICO clock, the investigation record and the actions the caller may take. */
export async function render({ root, params, me, reload }) {
  const concern = await get(`concerns/${params.id}`);
  const staff = await loadStaff(me);
  const name = (id) => staffName(staff, id, me);
  const after = async (message) => {
    await reload();
    announce(message);
  };

  root.append(h('h1', {}, `Concern: ${KIND_LABELS[concern.kind] || concern.kind}`),
    h('p', { class: 'status-line' }, 'Status: ', badge(concern.status)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Reported'), h('dd', {}, `${fmtTime(concern.reportedAt)} by ${name(concern.reportedById)}`),
      h('dt', {}, 'What happened'), h('dd', {}, concern.description),
      concern.url ? [h('dt', {}, 'Seen at'), h('dd', {}, h('a', { href: concern.url, rel: 'noopener noreferrer', target: '_blank' }, concern.url))] : null,
      concern.draftId ? [h('dt', {}, 'Post'), h('dd', {}, h('a', { href: `/drafts/${concern.draftId}`, 'data-link': true }, 'Open the post'))] : null,
      h('dt', {}, 'People we support'), h('dd', {}, concern.involvesServiceUsers ? `Involved; the Safeguarding Lead was told ${fmtTime(concern.safeguardingNotifiedAt)}` : 'Not involved'),
      h('dt', {}, 'Assigned to'), h('dd', {}, concern.assignedToId ? name(concern.assignedToId) : 'Nobody yet'),
      h('dt', {}, 'HR advice'), h('dd', {}, concern.hrAdviceSoughtAt ? `Sought ${fmtTime(concern.hrAdviceSoughtAt)}` : 'Not sought'),
      concern.status === 'resolved' ? [h('dt', {}, 'Outcome'), h('dd', {}, `${concern.outcome} (${name(concern.resolvedById)}, ${fmtTime(concern.resolvedAt)})`)] : null));

  if (concern.breach) {
    const b = concern.breach;
    root.append(h('h2', {}, 'Personal data breach'),
      h('p', { class: isUrgent(b) ? 'warning' : 'notice', role: 'status' }, icoClock(b)),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Aware since'), h('dd', {}, fmtTime(b.awareAt)),
        h('dt', {}, 'ICO deadline (72 hours)'), h('dd', {}, fmtTime(b.icoDeadline)),
        b.decision ? [h('dt', {}, 'Decision'), h('dd', {}, `${b.decision === 'reportable' ? 'Reportable' : 'Not reportable'}: ${b.decisionReason} (${name(b.decidedById)}, ${fmtTime(b.decidedAt)})`)] : null,
        b.reportedToIcoAt ? [h('dt', {}, 'Reported to the ICO'), h('dd', {}, fmtTime(b.reportedToIcoAt))] : null));
  }

  if (concern.notes) {
    root.append(h('h2', {}, 'Investigation record'),
      concern.notes.length ? h('ol', { class: 'timeline' }, concern.notes.map((n) => h('li', {}, h('strong', {}, name(n.authorId)), ` on ${fmtTime(n.at)}`, h('div', {}, n.text)))) : notice('No notes yet.'));
  } else {
    root.append(notice('The Registered Manager has your concern. The investigation record is kept by the people investigating it.'));
  }

  const managers = [...staff.values()].filter((s) => s.status !== 'left' && s.roles && s.roles.includes('manager'));
  const steps = actionControls(CONCERN_ACTIONS, concern, { me, managers, after });
  if (steps) root.append(h('h2', {}, 'Take a step'), steps);
  // Resolving waits on the breach decision (the server's rule); say so rather than leave it unexplained.
  if (concern.breach && concern.breach.decision === null && callerMay(me, 'resolve_concerns') && concern.status !== 'resolved') {
    root.append(notice('This concern can be resolved once the breach has a decision.'));
  }
}
