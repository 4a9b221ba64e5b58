import { get, post, put } from '../api.js';
import { act, announce, field, fmtTime, h, notice, textarea } from '../dom.js';
import { mayEditRules } from '../actions/content-rules.js';

// The organisation's content rules (API.md section 18), for the Registered Manager: the names of the people the
// service supports, the words that must never be published and the organisation's own websites.

const lines = (text) => text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
const plural = (n, one, many) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export async function render({ root, reload }) {
  const rules = await get('content-rules');
  const canEdit = mayEditRules(rules);
  root.append(
    h('h1', {}, 'Content rules'),
    h('p', {}, 'Every post is checked against these rules before it can be sent for approval. A change here applies to everyone within a few seconds.'),
  );
  if (!canEdit) root.append(notice('Only a manager can change these rules.', 'warning'));
  root.append(protectedNames(rules, canEdit, reload), prohibitedTerms(rules, canEdit, reload), websites(rules, canEdit, reload),
    h('p', { class: 'meta' }, `Rules version ${rules.version}, last changed ${fmtTime(rules.updatedAt)}.`));
}

function protectedNames(rules, canEdit, reload) {
  const { count, updatedAt } = rules.protectedNames;
  const section = h('section', { class: 'panel', 'aria-labelledby': 'protected-names-heading' }, h('h2', { id: 'protected-names-heading' }, 'Names of the people we support'));
  if (count === 0) {
    section.append(notice('No protected names are set. The checks cannot recognise the names of the people the service supports: a post that says “Mr Jones” would pass. Add their names below.', 'warning'));
  } else {
    section.append(h('p', {}, `${plural(count, 'name is', 'names are')} protected${updatedAt ? ` (last changed ${fmtTime(updatedAt)})` : ''}. A post that contains one cannot be sent for approval.`));
  }
  section.append(h('p', { class: 'hint' }, 'For privacy the names are stored scrambled, so nobody can read the list back, not even a manager. To check whether a name is on it, type the name into a draft post: the checks will flag it.'));
  if (!canEdit) return section;
  const status = h('div', { 'aria-live': 'polite' });
  const change = (label, path, hint, done) => {
    const form = h('form', { novalidate: true }, field(label, textarea('names', { rows: 4, autocomplete: 'off', spellcheck: 'false' }), hint), h('button', { type: 'submit' }, label.startsWith('Add') ? 'Add these names' : 'Remove these names'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const names = lines(form.names.value);
      act(form, form.querySelector('button'), async () => {
        const result = await post(path, { names });
        // The names leave the screen as soon as they are stored.
        form.names.value = '';
        const message = `${done(names.length)} ${plural(result.count, 'name is', 'names are')} now protected.`;
        announce(message);
        await reload();
        document.querySelector('[data-protected-status]')?.append(notice(message));
      });
    });
    return form;
  };
  section.append(
    change('Add names', 'content-rules/protected-names', 'One person per line, first name and surname, e.g. Margaret Jones. Both “Margaret Jones” and “Jones, Margaret” will be caught.', (n) => `${plural(n, 'name', 'names')} added.`),
    change('Remove names', 'content-rules/protected-names/remove', 'Type each name as it was added, one per line.', (n) => `${plural(n, 'name', 'names')} removed.`),
    h('div', { 'data-protected-status': true }, status),
  );
  return section;
}

function prohibitedTerms(rules, canEdit, reload) {
  return listEditor({
    heading: 'Words and phrases that must never be published',
    intro: 'A post containing one of these cannot be sent for approval. Spacing, hyphens and capitals do not matter: “do not resuscitate” also catches “Do-Not-Resuscitate”.',
    label: 'Words and phrases, one per line',
    values: rules.prohibitedTerms,
    name: 'terms',
    canEdit,
    save: (values) => put('content-rules/prohibited-terms', { terms: values }),
    reload,
  });
}

function websites(rules, canEdit, reload) {
  return listEditor({
    heading: 'Our own websites',
    intro: 'Links to other websites get a warning so the author checks them. Each address here also covers its sub-sites: riverside-care.org.uk covers news.riverside-care.org.uk.',
    label: 'Website addresses, one per line (without https://)',
    values: rules.orgDomains,
    name: 'domains',
    canEdit,
    save: (values) => put('content-rules/org-domains', { domains: values }),
    reload,
  });
}

function listEditor({ heading, intro, label, values, name, canEdit, save, reload }) {
  const id = `${name}-heading`;
  const section = h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, heading), h('p', {}, intro));
  if (values.length === 0) section.append(notice('The list is empty.', 'warning'));
  const control = textarea(name, { rows: Math.min(20, Math.max(4, values.length + 1)), readonly: !canEdit, spellcheck: 'false' });
  control.value = values.join('\n');
  const form = h('form', { novalidate: true }, field(label, control));
  if (canEdit) form.append(h('button', { type: 'submit' }, 'Save this list'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(form, form.querySelector('button'), async () => {
      await save(lines(control.value));
      announce(`${heading}: saved.`);
      await reload();
    });
  });
  section.append(form);
  return section;
}
