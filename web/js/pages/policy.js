import { get, post } from '../api.js';
import { act, field, fmtDate, fmtTime, h, input, localToIso, notice, textarea } from '../dom.js';
import { loadStaff, staffName } from '../people.js';
import { refreshMe } from '../app.js';
import { callerMay } from '../actions/render.js';

export async function render({ root, me, reload }) {
  root.append(h('h1', {}, 'Social media policy'));
  let policy = null;
  try {
    policy = await get('policies/current');
  } catch (error) {
    if (error.status !== 404) throw error;
  }
  if (!policy) root.append(notice('No policy has been published yet.', 'warning'));
  else {
    const acknowledged = me.policyAcknowledgement && me.policyAcknowledgement.policyVersion === policy.version;
    const status = h('div', { 'aria-live': 'polite' });
    root.append(h('article', { class: 'panel' },
      h('h2', {}, `${policy.title} (version ${policy.version})`),
      h('p', { class: 'meta' }, `In effect from ${fmtDate(policy.effectiveFrom)} · review due ${fmtDate(policy.reviewDueAt)}`),
      h('div', { class: 'post-preview' }, policy.text)), status);
    if (acknowledged) status.append(notice(`You acknowledged this version on ${fmtTime(me.policyAcknowledgement.acknowledgedAt)}.`));
    else {
      const button = h('button', { type: 'button' }, 'I have read and will follow this policy');
      button.addEventListener('click', () => act(status, button, async () => {
        await post('policies/current/acknowledgements');
        await refreshMe();
        await reload();
      }));
      status.append(h('p', {}, 'You must acknowledge the current policy before you can write posts or be authorised on an account.'), button);
    }
  }
  if (policy && callerMay(me, 'read_policy_acknowledgements')) {
    const report = await get('policies/current/acknowledgements');
    const staff = await loadStaff(me);
    root.append(h('h2', {}, 'Who has acknowledged it'),
      h('p', {}, `${report.acknowledged.length} acknowledged, ${report.outstanding.length} outstanding.`),
      report.outstanding.length ? h('ul', { 'aria-label': 'Outstanding' }, report.outstanding.map((id) => h('li', {}, staffName(staff, id, me)))) : null);
  }
  if (!callerMay(me, 'create_policy')) return;
  const form = h('form', { novalidate: true },
    h('h2', {}, 'Publish a new version'),
    field('Version', input('version'), 'For example 2026-11. Everyone will have to acknowledge it again.'),
    field('Title', input('title')),
    field('Text', textarea('text', { rows: 10 })),
    field('In effect from (optional)', input('effectiveFrom', { type: 'datetime-local' }), 'Defaults to now.'),
    h('button', { type: 'submit' }, 'Publish policy'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(form, form.querySelector('button[type=submit]'), async () => {
      const body = { version: form.version.value.trim(), title: form.title.value.trim(), text: form.text.value };
      const from = localToIso(form.effectiveFrom.value);
      if (from) body.effectiveFrom = from;
      await post('policies', body);
      await reload();
    });
  });
  root.append(form);
}
