// How each concern action the server may allow is offered (API.md section 17). The keys are the
// server's action names; the server alone decides which apply (`allowedActions`).
import { post } from '../api.js';
import { input, select, textarea } from '../dom.js';

export const CONCERN_ACTIONS = {
  add_note: {
    label: 'Add the note', title: 'Add a note', open: true, fields: () => [['Note', textarea('text', { rows: 4 })]],
    run: (c, f) => post(`concerns/${c.id}/notes`, { text: f.elements.text.value.trim() }), done: () => 'Note added.',
  },
  assign: {
    label: 'Assign', title: 'Assign', open: true,
    fields: (c, ctx) => [['Investigated by', select('staffId', ctx.managers.map((s) => [s.id, s.displayName]), { value: c.assignedToId || ctx.me.id })]],
    run: (c, f) => post(`concerns/${c.id}/assign`, { staffId: f.elements.staffId.value }), done: () => 'Assigned.',
  },
  seek_hr_advice: {
    label: 'Record HR advice sought', title: 'HR advice', open: true, fields: () => [['What was asked, and of whom', textarea('note', { rows: 3 })]],
    run: (c, f) => post(`concerns/${c.id}/hr-advice`, { note: f.elements.note.value.trim() }), done: () => 'HR advice recorded.',
  },
  decide_breach: {
    label: 'Record the decision', title: 'Breach decision', open: true,
    fields: () => [
      ['Is it reportable to the ICO?', select('decision', [['not_reportable', 'Not reportable (unlikely to result in a risk to people)'], ['reportable', 'Reportable']])],
      ['Why', textarea('decisionReason', { rows: 3 })],
      ['ICO reference', input('icoReference'), 'Needed when it is reportable.'],
    ],
    run: (c, f) => {
      const v = { decision: f.elements.decision.value, decisionReason: f.elements.decisionReason.value.trim() };
      const reference = f.elements.icoReference.value.trim();
      return post(`concerns/${c.id}/breach-decision`, reference ? { ...v, icoReference: reference, ...(v.decision === 'reportable' ? { reportedToIcoAt: new Date().toISOString() } : {}) } : v);
    },
    done: () => 'Decision recorded.',
  },
  resolve: {
    label: 'Resolve the concern', title: 'Resolve', open: true, fields: () => [['Outcome', textarea('outcome', { rows: 3 })]],
    run: (c, f) => post(`concerns/${c.id}/resolve`, { outcome: f.elements.outcome.value.trim() }), done: () => 'Resolved.',
  },
};
