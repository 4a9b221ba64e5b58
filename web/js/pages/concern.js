import { get, post } from '../api.js';
import { announce, badge, fmtTime, h, input, miniForm, notice, select, textarea } from '../dom.js';
import { loadStaff, staffName } from '../people.js';
import { icoClock, isUrgent, KIND_LABELS } from '../concern-clock.js';

/** One concern: what was reported, the ICO clock, the investigation record and the actions the caller may take. */
export async function render({ root, params, me, reload }) {
  const concern = await get(`concerns/${params.id}`);
  const staff = await loadStaff(me);
  const name = (id) => staffName(staff, id, me);
  const can = (action) => concern.allowedActions.includes(action);
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

  if (concern.allowedActions.length) root.append(h('h2', {}, 'Take a step'));
  if (can('add_note')) {
    root.append(miniForm({ title: 'Add a note', submit: 'Add the note', fields: [['Note', textarea('text', { rows: 4 })]],
      onSubmit: async (form) => { await post(`concerns/${concern.id}/notes`, { text: form.elements.text.value.trim() }); await after('Note added.'); } }));
  }
  if (can('assign')) {
    const options = [...staff.values()].filter((s) => s.status !== 'left' && s.roles && s.roles.includes('manager')).map((s) => [s.id, s.displayName]);
    root.append(miniForm({ title: 'Assign', submit: 'Assign', fields: [['Investigated by', select('staffId', options, { value: concern.assignedToId || me.id })]],
      onSubmit: async (form) => { await post(`concerns/${concern.id}/assign`, { staffId: form.elements.staffId.value }); await after('Assigned.'); } }));
  }
  if (can('seek_hr_advice')) {
    root.append(miniForm({ title: 'HR advice', submit: 'Record HR advice sought', fields: [['What was asked, and of whom', textarea('note', { rows: 3 })]],
      onSubmit: async (form) => { await post(`concerns/${concern.id}/hr-advice`, { note: form.elements.note.value.trim() }); await after('HR advice recorded.'); } }));
  }
  if (can('decide_breach')) {
    root.append(miniForm({ title: 'Breach decision', submit: 'Record the decision', fields: [
      ['Is it reportable to the ICO?', select('decision', [['not_reportable', 'Not reportable (unlikely to result in a risk to people)'], ['reportable', 'Reportable']])],
      ['Why', textarea('decisionReason', { rows: 3 })],
      ['ICO reference', input('icoReference'), 'Needed when it is reportable.'],
    ], onSubmit: async (form) => {
      const v = { decision: form.elements.decision.value, decisionReason: form.elements.decisionReason.value.trim() };
      const reference = form.elements.icoReference.value.trim();
      await post(`concerns/${concern.id}/breach-decision`, reference ? { ...v, icoReference: reference, ...(v.decision === 'reportable' ? { reportedToIcoAt: new Date().toISOString() } : {}) } : v);
      await after('Decision recorded.');
    } }));
  }
  if (can('resolve')) {
    root.append(miniForm({ title: 'Resolve', submit: 'Resolve the concern', fields: [['Outcome', textarea('outcome', { rows: 3 })]],
      onSubmit: async (form) => { await post(`concerns/${concern.id}/resolve`, { outcome: form.elements.outcome.value.trim() }); await after('Resolved.'); } }));
  } else if (concern.breach && concern.breach.decision === null && me.roles.includes('manager') && concern.status !== 'resolved') {
    root.append(notice('This concern can be resolved once the breach has a decision.'));
  }
}
