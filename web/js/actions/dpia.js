// How each DPIA action the server may allow is offered (API.md section 7). The keys are the server's
// action names; the server alone decides which apply (`allowedActions`).
// Places on the DPIA page: "form" (the assessment is editable and saved with this offer's label),
// "submit" (the panel under it), "sign-off" (the DPO's decision: one option per allowed decision).
import { post, put } from '../api.js';

const save = (dpia, body) => put(`accounts/${dpia.accountId}/dpia`, body);

export const DPIA_ACTIONS = {
  edit: { place: 'form', label: 'Save DPIA', save },
  // Editing an approved DPIA opens a new version; the approved one stays in force meanwhile.
  // Before the first version there is nothing to make a "new" version of: saving starts the assessment.
  new_version: { place: 'form', label: (d) => (d.version === null ? 'Save DPIA' : 'Save as a new version'), save },
  submit: {
    place: 'submit', heading: 'Submit for sign-off', label: 'Submit to the DPO',
    hint: 'The DPO will review it. Someone other than you must sign it off. Any changes you have not saved yet are saved first.',
    run: async (dpia, _f, ctx) => {
      await ctx.saveFirst();
      return post(`accounts/${dpia.accountId}/dpia/submit`);
    },
    done: () => 'Submitted to the DPO.',
  },
  approve: { place: 'sign-off', label: 'Approve', decision: 'approved' },
  reject: { place: 'sign-off', label: 'Reject', decision: 'rejected' },
};

/** The DPO's decision, whichever of the allowed decisions was chosen. */
export const signOff = (dpia, body) => post(`accounts/${dpia.accountId}/dpia/sign-off`, body);
