import { get } from '../api.js';
import { act, announce, badge, checkbox, field, fmtDate, fmtTime, h, input, link, miniForm, notice, select, textarea } from '../dom.js';
import { loadStaff, staffName } from '../people.js';
import { actionControls, callerMay, offersAt } from '../actions/render.js';
import { DPIA_ACTIONS, signOff } from '../actions/dpia.js';

const SCREENING = [
  ['vulnerableSubjects', 'Posts may concern people in vulnerable circumstances'],
  ['specialCategoryData', 'Special category data (health, ethnicity, religion…) could appear'],
  ['children', 'Children could appear or be concerned'],
  ['systematicMonitoring', 'Systematic monitoring of people'],
  ['newTechnology', 'New or innovative technology'],
  ['largeScale', 'Processing on a large scale'],
];
const LIKELIHOODS = ['remote', 'possible', 'probable'];
const SEVERITIES = ['minimal', 'significant', 'severe'];
const RESIDUAL = ['low', 'medium', 'high'];
const lines = (text) => text.split('\n').map((s) => s.trim()).filter(Boolean);

export async function render({ root, params, me, reload }) {
  const id = params.id;
  const [account, dpia, history] = await Promise.all([get(`accounts/${id}`), get(`accounts/${id}/dpia`), get(`accounts/${id}/dpia/history?limit=50`)]);
  const staff = await loadStaff(me);
  // What the caller may do is the server's answer (allowedActions): editing, submitting, deciding.
  const [saving] = offersAt(DPIA_ACTIONS, dpia, 'form');
  const decisions = offersAt(DPIA_ACTIONS, dpia, 'sign-off');

  root.append(h('h1', {}, `DPIA: ${account.name}`), h('p', {}, link(`/accounts/${id}`, `Back to ${account.name}`)),
    h('div', { class: 'panel' },
      h('p', {}, 'Status: ', badge(dpia.status), dpia.status === 'not_started' ? '' : ` · version ${dpia.version}`),
      dpia.inForce ? h('p', {}, `Version ${dpia.inForce.version} is in force until its review on ${fmtDate(dpia.inForce.reviewDueAt)}.`) : h('p', {}, 'No DPIA is in force: nothing can be published from this account.'),
      dpia.submittedAt ? h('p', { class: 'meta' }, `Submitted ${fmtTime(dpia.submittedAt)} by ${staffName(staff, dpia.submittedById, me)}`) : null,
      dpia.signedOffAt ? h('p', { class: 'meta' }, `Signed off ${fmtTime(dpia.signedOffAt)} by ${staffName(staff, dpia.signedOffById, me)}: ${dpia.decision}. Advice: ${dpia.dpoAdvice || '—'}`) : null));

  const editable = Boolean(saving);
  const risksBox = h('div', {});
  let riskCount = 0;
  const addRisk = (risk = {}) => {
    const i = riskCount++;
    const n = (k) => `risks.${i}.${k}`;
    risksBox.append(h('fieldset', { 'data-risk': i }, h('legend', {}, `Risk ${i + 1}`),
      field('Description', textarea(n('description'), { rows: 2, value: risk.description || '', disabled: !editable })),
      field('Likelihood', select(n('likelihood'), LIKELIHOODS, { value: risk.likelihood || 'possible', disabled: !editable })),
      field('Severity', select(n('severity'), SEVERITIES, { value: risk.severity || 'significant', disabled: !editable })),
      field('Mitigation', textarea(n('mitigation'), { rows: 2, value: risk.mitigation || '', disabled: !editable })),
      field('Residual risk', select(n('residualRisk'), RESIDUAL, { value: risk.residualRisk || 'low', disabled: !editable }))));
  };
  (dpia.risks || []).forEach(addRisk);
  if (!riskCount && editable) addRisk();

  const form = h('form', { novalidate: true },
    h('h2', {}, editable ? 'Assessment' : 'Assessment (read only)'),
    field('Purpose', textarea('purpose', { value: dpia.purpose || '', disabled: !editable }), 'What the account is for and why posting is necessary.'),
    field('Data categories', textarea('dataCategories', { rows: 3, value: (dpia.dataCategories || []).join('\n'), disabled: !editable }), 'One per line.'),
    field('Data subjects', textarea('dataSubjects', { rows: 3, value: (dpia.dataSubjects || []).join('\n'), disabled: !editable }), 'One per line.'),
    field('Lawful basis', input('lawfulBasis', { value: dpia.lawfulBasis || '', disabled: !editable })),
    h('fieldset', {}, h('legend', {}, 'Screening'), SCREENING.map(([key, label]) => checkbox(`screening.${key}`, label, Boolean(dpia.screening && dpia.screening[key]), { disabled: !editable }))),
    h('h3', {}, 'Risks'), risksBox,
    editable ? h('button', { type: 'button', class: 'secondary', onclick: () => { addRisk(); unsaved = true; } }, 'Add a risk') : null,
    field('Document link (optional)', input('documentUrl', { type: 'url', value: dpia.documentUrl || '', disabled: !editable })),
    editable ? h('button', { type: 'submit' }, saving.label) : null);
  const body = () => ({
    purpose: form.purpose.value.trim(),
    dataCategories: lines(form.dataCategories.value),
    dataSubjects: lines(form.dataSubjects.value),
    lawfulBasis: form.lawfulBasis.value.trim(),
    screening: Object.fromEntries(SCREENING.map(([key]) => [key, form.elements[`screening.${key}`].checked])),
    risks: [...risksBox.querySelectorAll('fieldset')].map((fs) => {
      const i = fs.dataset.risk;
      const v = (k) => form.elements[`risks.${i}.${k}`].value.trim();
      return { description: v('description'), likelihood: v('likelihood'), severity: v('severity'), mitigation: v('mitigation'), residualRisk: v('residualRisk') };
    }).filter((r) => r.description || r.mitigation),
    ...(form.documentUrl.value.trim() ? { documentUrl: form.documentUrl.value.trim() } : {}),
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(form, form.querySelector('button[type=submit]'), async () => {
      await saving.save(dpia, body());
      await reload();
    });
  });
  root.append(form);
  // Edits typed after the last save go with the submission: saved first, so the DPO signs off what is on screen.
  let unsaved = false;
  form.addEventListener('input', () => { unsaved = true; });
  form.addEventListener('change', () => { unsaved = true; });

  const saveFirst = async () => {
    if (!unsaved || !saving) return;
    try {
      await saving.save(dpia, body());
    } catch (error) {
      throw Object.assign(error, { message: `Your latest changes could not be saved, so nothing was submitted: ${error.message}` });
    }
    unsaved = false;
  };
  const submit = actionControls(DPIA_ACTIONS, dpia, { me, saveFirst, after: async (message) => { await reload(); announce(message); } }, 'submit');
  if (submit) root.append(h('div', { class: 'panel' }, submit));
  if (decisions.length) {
    root.append(h('h2', {}, 'Sign off'), miniForm({ fields: [
      ['Decision', select('decision', decisions.map((d) => [d.decision, d.label]))],
      ['Advice', textarea('dpoAdvice', { rows: 4 })],
      ['Review due (optional)', input('reviewDueAt', { type: 'date' }), 'Defaults to 12 months ahead; at most 36 months.'],
      ['ICO consultation reference', input('icoConsultationReference'), 'Needed to approve with any high residual risk.'],
    ], submit: 'Record decision', onSubmit: async (f) => {
      const b = { decision: f.decision.value, dpoAdvice: f.dpoAdvice.value.trim() };
      if (f.reviewDueAt.value) b.reviewDueAt = new Date(`${f.reviewDueAt.value}T12:00:00Z`).toISOString();
      if (f.icoConsultationReference.value.trim()) b.icoConsultationReference = f.icoConsultationReference.value.trim();
      await signOff(dpia, b);
      await reload();
    } }));
  } else if (callerMay(me, 'sign_off_dpias')) {
    root.append(notice('Nothing is waiting for your sign-off on this account.'));
  }
  root.append(h('h2', {}, 'History'), history.items.length ? h('ol', { class: 'timeline' }, history.items.map((v) => h('li', {},
    `Version ${v.version}: `, badge(v.status), v.signedOffAt ? ` · signed off ${fmtDate(v.signedOffAt)}` : '', v.reviewDueAt ? ` · review ${fmtDate(v.reviewDueAt)}` : '',
    earlierVersion(v, (sid) => staffName(staff, sid, me))))) : h('p', {}, 'No versions yet.'));
}

/** An earlier version as it was assessed and decided, folded so the list stays short. */
function earlierVersion(v, name) {
  const list = (items) => (items && items.length ? h('ul', {}, items.map((x) => h('li', {}, x))) : h('p', {}, '—'));
  return h('details', {}, h('summary', {}, `Read version ${v.version}`),
    h('dl', {},
      h('dt', {}, 'Purpose'), h('dd', {}, v.purpose || '—'),
      h('dt', {}, 'Data categories'), h('dd', {}, list(v.dataCategories)),
      h('dt', {}, 'Data subjects'), h('dd', {}, list(v.dataSubjects)),
      h('dt', {}, 'Lawful basis'), h('dd', {}, v.lawfulBasis || '—'),
      h('dt', {}, 'Risks'), h('dd', {}, list((v.risks || []).map((r) => `${r.description} (${r.likelihood}, ${r.severity}): ${r.mitigation}. Residual risk ${r.residualRisk}.`))),
      v.submittedAt ? [h('dt', {}, 'Submitted'), h('dd', {}, `${fmtTime(v.submittedAt)} by ${name(v.submittedById)}`)] : null,
      v.signedOffAt ? [h('dt', {}, 'Decision'), h('dd', {}, `${v.decision} on ${fmtTime(v.signedOffAt)} by ${name(v.signedOffById)}. Advice: ${v.dpoAdvice || '—'}`)] : null));
}
