import { get, pager, query as qs } from '../api.js';
import { actionButton, field, fmtTime, h, input, miniForm, moreButton, notice, select, table, tableRow } from '../dom.js';
import { loadStaff, staffName } from '../people.js';
import { callerMay } from '../actions/render.js';

const FILTERS = ['subjectType', 'subjectId', 'actorId', 'action', 'from', 'to'];
const HEADERS = ['When', 'Who', 'What', 'About', 'Details'];
const REASONS = {
  hash: 'an entry was changed after it was written',
  signature: 'an entry does not carry this installation’s signature',
  gap: 'an entry is missing from the middle of the trail',
  truncated: 'entries are missing from the end of the trail, or the receipt’s entry is not in it as given',
};

/** The audit trail: search by who, what and when; verify it (with a receipt kept earlier) and export it. */
export async function render({ root, me, query, navigate }) {
  const staff = await loadStaff(me);
  const name = (id) => (id ? staffName(staff, id, me) : 'Gatehouse');
  const mayVerify = callerMay(me, 'verify_audit');
  const values = Object.fromEntries(FILTERS.map((k) => [k, query.get(k) || '']));
  root.append(h('h1', {}, 'Audit trail'), h('p', {}, 'Every change anyone made, in order. Entries are signed and chained, so nothing can be altered or removed unnoticed.'));

  const people = [...staff.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  const filters = h('form', { role: 'search', 'aria-label': 'Search the audit trail', novalidate: true },
    h('h2', {}, 'Search'),
    field('Done by', select('actorId', [['', 'Anyone'], ...people.map((s) => [s.id, s.displayName])], { value: values.actorId })),
    field('Action', input('action', { value: values.action }), 'For example draft.approved or staff.offboarded.'),
    field('Kind of record', input('subjectType', { value: values.subjectType }), 'For example draft, account, staff or dpia.'),
    field('Record id', input('subjectId', { value: values.subjectId })),
    field('From', input('from', { type: 'date', value: values.from.slice(0, 10) })),
    field('To', input('to', { type: 'date', value: values.to.slice(0, 10) }), 'Includes the whole day.'),
    h('button', { type: 'submit' }, 'Search'));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = Object.fromEntries(FILTERS.map((k) => [k, filters.elements[k].value.trim()]));
    if (v.from) v.from = new Date(`${v.from}T00:00:00`).toISOString();
    if (v.to) v.to = new Date(`${v.to}T23:59:59.999`).toISOString();
    navigate(`/audit${qs(v)}`);
  });
  root.append(filters);

  const apiFilters = { ...values };
  const pages = pager(`audit${qs({ ...apiFilters, limit: 50 })}`);
  const first = await pages.next();
  const row = (e) => [fmtTime(e.at), name(e.actorId), e.action, `${e.subjectType} ${e.subjectId}`, detailsText(e.details)];
  root.append(h('h2', {}, 'Entries'));
  if (!first.length) root.append(notice('No entries match.'));
  else {
    const list = table(HEADERS, first.map(row), 'Audit entries');
    root.append(list, moreButton('Show more entries', pages, (e) => tableRow(HEADERS, row(e)), list.querySelector('tbody')));
  }
  if (mayVerify) root.append(verifySection(), exportSection());
}

function detailsText(details) {
  if (!details || typeof details !== 'object' || !Object.keys(details).length) return '—';
  return Object.entries(details).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join('; ');
}

function verifyResult(result, failure = 'The trail has been tampered with') {
  return result.valid
    ? notice(`The trail is intact: ${result.entries} entries, the newest number ${result.head.id}, each chained and signed.`)
    : h('div', { class: 'error-summary', role: 'alert' }, h('h3', {}, failure),
      h('p', {}, `Entry ${result.firstBrokenId}: ${REASONS[result.reason] || result.reason}. ${result.entries} entries were checked.`));
}

function verifySection() {
  const out = h('div', { 'aria-live': 'polite' });
  const receiptBox = h('div', { 'aria-live': 'polite' });
  const section = h('section', { class: 'panel', 'aria-labelledby': 'verify-h' }, h('h2', { id: 'verify-h' }, 'Verify'),
    h('p', {}, 'Recomputes every entry’s hash and checks its signature.'));
  section.append(actionButton('Verify the trail now', section, async () => out.replaceChildren(verifyResult(await get('audit/verify')))), out,
    h('h3', {}, 'Receipts'),
    h('p', {}, 'A receipt names the newest entry now. Keep it somewhere else; checking it later proves no entry up to it was removed or changed.'),
    actionButton('Get a receipt', section, async () => {
      const head = await get('audit/head');
      receiptBox.replaceChildren(h('dl', { class: 'receipt', 'aria-label': 'Receipt' },
        h('dt', {}, 'Entry'), h('dd', {}, String(head.id)), h('dt', {}, 'Hash'), h('dd', { class: 'code' }, head.hash),
        h('dt', {}, 'At'), h('dd', {}, fmtTime(head.at)), h('dt', {}, 'Signature'), h('dd', { class: 'code' }, head.signature)));
    }, { class: 'secondary' }), receiptBox,
    miniForm({ title: 'Check a receipt', fields: [['Entry number', input('expectId', { inputmode: 'numeric' })], ['Hash', input('expectHash')]], submit: 'Check the receipt',
      onSubmit: async (f) => {
        const result = await get(`audit/verify${qs({ expectId: f.expectId.value.trim(), expectHash: f.expectHash.value.trim().toLowerCase() })}`);
        f.querySelector('.receipt-result')?.remove();
        f.append(h('div', { class: 'receipt-result' }, verifyResult(result, 'The receipt does not match the trail: entries it covers were changed or removed')));
      } }));
  return section;
}

function exportSection() {
  return h('section', { class: 'panel', 'aria-labelledby': 'export-h' }, h('h2', { id: 'export-h' }, 'Export'),
    h('p', {}, 'The whole trail with every hash and signature, to check offline with the public key.'),
    h('ul', {},
      h('li', {}, h('a', { href: '/api/v1/audit/export?format=csv', download: 'gatehouse-audit.csv' }, 'Download as CSV (spreadsheet)')),
      h('li', {}, h('a', { href: '/api/v1/audit/export?format=jsonl', download: 'gatehouse-audit.jsonl' }, 'Download as JSON lines (ends with a signed checkpoint)')),
      h('li', {}, h('a', { href: '/api/v1/audit/public-key', target: '_blank', rel: 'noopener' }, 'The public key to check the signatures'))));
}
