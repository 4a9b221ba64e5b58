// How each authorisation action the server may allow is offered (API.md sections 8, 19). The keys are the
// server's action names; the server alone decides which apply (`allowedActions` on each authorisation).
// Places: "row" (beside the grant in a list; ctx.name(id) names people).
import { input } from '../dom.js';
import { post } from '../api.js';

export const AUTHORISATION_ACTIONS = {
  revoke: {
    place: 'row', label: 'Revoke', submit: 'Revoke', open: true, danger: true, formClass: 'compact',
    fields: (a, ctx) => [[`Reason to revoke ${ctx.name(a.staffId)}`, input('reason')]],
    run: (a, f) => post(`authorisations/${a.id}/revoke`, { reason: f.reason.value.trim() }),
    done: () => 'Authorisation revoked.',
  },
};
