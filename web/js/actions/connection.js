// How each connection action the server may allow is offered (API.md section 15). The keys are the
// server's action names; the server alone decides which apply (`allowedActions`).
// Places on the connection page: "choose" (create an account from one of its candidates), "reconnect"
// (use it for the account it was started for).
import { ApiError, post } from '../api.js';
import { h, input, select, showError } from '../dom.js';
import { forgetCaches } from '../people.js';
import { KIND_NAMES, PLATFORM_OF_KIND } from '../connect.js';

// The server has one action, `choose`: what it does depends on whether the sign-in was started for an account.
export const CONNECTION_ACTIONS = {
  choose: [{
    place: 'choose', label: 'Connect this account', open: true,
    fields: (c, ctx) => [
      h('fieldset', {}, h('legend', {}, 'Account'), c.candidates.map((candidate, i) => {
        const id = `candidate-${i}`;
        return h('div', { class: 'check' }, h('input', { type: 'radio', name: 'candidate', id, value: String(i), checked: i === 0 }),
          h('label', { for: id }, `${candidate.name} — ${KIND_NAMES[candidate.kind]} (id ${candidate.externalId})`));
      })),
      ['Name in Gatehouse (optional)', input('name'), 'Leave empty to use the name on the platform.'],
      ['Owner (a manager)', select('ownerId', [['', 'Choose…'], ...ctx.managers.map((m) => [m.id, m.displayName])])],
      ['Approvals needed per post', select('requiredApprovals', [['1', '1'], ['2', '2']])],
    ],
    run: async (c, form, ctx) => {
      const chosen = c.candidates[Number(form.querySelector('input[name="candidate"]:checked').value)];
      const body = { platform: PLATFORM_OF_KIND[chosen.kind], externalId: chosen.externalId, ownerId: form.ownerId.value, requiredApprovals: Number(form.requiredApprovals.value), connectionId: c.id };
      if (form.name.value.trim()) body.name = form.name.value.trim();
      const created = await post('accounts', body);
      forgetCaches();
      await ctx.navigate(`/accounts/${created.id}`);
    },
    stay: true,
  }, {
    place: 'reconnect', label: (c, ctx) => `Use this sign-in for ${ctx.account.name}`, stay: true,
    run: async (c, _f, ctx) => {
      try {
        await post(`accounts/${ctx.account.id}/connect`, { connectionId: c.id });
      } catch (error) {
        // Shown where the button is, with what the platform login does manage listed above it.
        if (error instanceof ApiError && error.code === 'ACCOUNT_NOT_GRANTED') return showError(ctx.box, error);
        throw error;
      }
      forgetCaches();
      await ctx.navigate(`/accounts/${ctx.account.id}`);
    },
  }],
};
