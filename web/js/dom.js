// Small DOM helpers. Everything is built with createElement and text nodes: no HTML strings, so
// nothing the API returns can inject markup.

let uid = 0;
export const nextId = (prefix = 'f') => `${prefix}-${++uid}`;

/** h('p', {class: 'x', onclick}, 'text', child, [more]) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value') el.value = value;
    else if (key === 'checked' || key === 'disabled' || key === 'selected' || key === 'required' || key === 'multiple') el[key] = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** A labelled control with hint and an error slot, tied together with aria-describedby. */
export function field(label, control, hint) {
  const id = control.id || nextId(control.name || 'f');
  control.id = id;
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const errorEl = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  control.setAttribute('aria-describedby', [hintEl && hintEl.id, errorEl.id].filter(Boolean).join(' '));
  return h('div', { class: 'field' }, h('label', { for: id }, label), hintEl, errorEl, control);
}

export const input = (name, props = {}) => h('input', { type: 'text', name, ...props });
export const textarea = (name, props = {}) => h('textarea', { name, ...props });

export function select(name, options, props = {}) {
  const el = h('select', { name, ...props });
  for (const option of options) {
    const [value, label] = Array.isArray(option) ? option : [option, option];
    el.append(h('option', { value, selected: props.value !== undefined && String(props.value) === String(value) }, label));
  }
  return el;
}

export function checkbox(name, label, checked = false, props = {}) {
  const id = nextId(name);
  return h('div', { class: 'check' }, h('input', { type: 'checkbox', name, id, checked, ...props }), h('label', { for: id }, label));
}

/** Shows the API's refusal next to what caused it: a summary at the top, and per-field messages. */
export function showError(container, error, { focus = true } = {}) {
  clearErrors(container);
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' }, h('h2', {}, 'That did not work'), h('p', {}, error.message));
  const details = Array.isArray(error.details) ? error.details : [];
  const listed = [];
  for (const detail of details) {
    if (detail && typeof detail.field === 'string') {
      const control = findControl(container, detail.field);
      const problems = (detail.problems || []).join('; ');
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        const slot = container.querySelector(`#${CSS.escape(control.id)}-error`);
        if (slot) {
          slot.textContent = problems || 'Check this field.';
          slot.hidden = false;
        }
      }
      listed.push(h('li', {}, control ? h('a', { href: `#${control.id}` }, `${labelFor(container, control) || detail.field}: ${problems}`) : `${detail.field}: ${problems}`));
    } else if (detail && typeof detail.message === 'string') {
      listed.push(h('li', { class: detail.severity || '' }, detail.message));
    }
  }
  if (listed.length) summary.append(h('ul', {}, listed));
  container.prepend(summary);
  if (focus) summary.focus();
  return summary;
}

export function clearErrors(container) {
  container.querySelectorAll(':scope > .error-summary').forEach((el) => el.remove());
  container.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  container.querySelectorAll('.field-error').forEach((el) => {
    el.textContent = '';
    el.hidden = true;
  });
}

function findControl(container, fieldPath) {
  const candidates = [fieldPath, fieldPath.split('.')[0]];
  for (const name of candidates) {
    const el = container.querySelector(`[name="${CSS.escape(name)}"]`);
    if (el) return el;
  }
  return null;
}

function labelFor(container, control) {
  const label = container.querySelector(`label[for="${CSS.escape(control.id)}"]`);
  return label ? label.textContent : '';
}

export function notice(text, kind = 'notice') {
  return h('div', { class: kind, role: kind === 'notice' ? 'status' : 'note' }, text);
}

/** Runs an action from a form or button; disables it meanwhile and shows refusals in `container`. */
export async function act(container, trigger, work) {
  if (trigger) trigger.disabled = true;
  clearErrors(container);
  try {
    return await work();
  } catch (error) {
    if (error && error.status !== 401) showError(container, error);
    return undefined;
  } finally {
    if (trigger) trigger.disabled = false;
  }
}

export function announce(text) {
  const el = document.getElementById('announcer');
  if (el) el.textContent = text;
}

export function formValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === 'checkbox') values[el.name] = el.checked;
    else values[el.name] = el.value.trim();
  }
  return values;
}

/** Drops empty strings so optional fields are left out of the request body. */
export function compact(values) {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined && v !== null));
}

export function fmtTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function fmtDate(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleDateString('en-GB', { dateStyle: 'medium' });
}

/** "3 h 12 min", "2 days 4 h" */
export function duration(fromIso, now = Date.now()) {
  let minutes = Math.max(0, Math.floor((now - new Date(fromIso).getTime()) / 60000));
  const days = Math.floor(minutes / 1440);
  minutes -= days * 1440;
  const hours = Math.floor(minutes / 60);
  minutes -= hours * 60;
  if (days) return `${days} day${days === 1 ? '' : 's'} ${hours} h`;
  if (hours) return `${hours} h ${minutes} min`;
  return `${minutes} min`;
}

/** datetime-local value -> ISO instant (the browser's zone), or undefined. */
export function localToIso(value) {
  return value ? new Date(value).toISOString() : undefined;
}

const STATUS_KIND = {
  published: 'good', active: 'good', approved: 'good', granted: 'good', done: 'good',
  failed: 'bad', rejected: 'bad', held: 'bad', unconfirmed: 'bad', refused: 'bad', suspended: 'bad', closed: 'bad', left: 'bad', review_due: 'bad',
  submitted: 'warn', scheduled: 'warn', publishing: 'warn', changes_requested: 'warn', pending: 'warn', pending_dpia: 'warn', awaiting_sign_off: 'warn', open: 'warn', draft: 'warn',
};

export function badge(status) {
  return h('span', { class: `badge ${STATUS_KIND[status] || ''}` }, String(status).replace(/_/g, ' '));
}

export function table(headers, rows, caption) {
  return h('div', { class: 'table-wrap' }, h('table', {}, caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((cells) => tableRow(headers, cells)))));
}

/** A row whose cells carry their column's name: on a phone the table reflows into cards labelled with it. */
export function tableRow(headers, cells) {
  return h('tr', {}, cells.map((c, i) => h('td', { 'data-label': headers[i] || null }, c)));
}

export const link = (href, text, props = {}) => h('a', { href, 'data-link': true, ...props }, text);

/**
 * A small form: `fields` are [label, control, hint?]; `onSubmit(form)` runs with refusals shown in
 * the form itself, next to the fields the API names.
 */
export function miniForm({ title, fields, submit, onSubmit, danger = false, className }) {
  const button = h('button', { type: 'submit', class: danger ? 'danger' : null }, submit);
  const form = h('form', { novalidate: true, class: className }, title ? h('h3', {}, title) : null,
    fields.map((f) => (f instanceof Node ? f : field(f[0], f[1], f[2]))), button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(form, button, () => onSubmit(form));
  });
  return form;
}

/** A "show more" button under a list: appends each next page's items (as elements) until none remain. */
export function moreButton(label, pages, render, into) {
  const box = h('div', { class: 'inline-actions' });
  if (!pages.more) return box;
  const button = actionButton(label, box, async () => {
    for (const item of await pages.next()) into.append(render(item));
    if (!pages.more) button.remove();
  }, { class: 'secondary' });
  box.append(button);
  return box;
}

/** A button that runs `work`, showing any refusal in `container`. */
export function actionButton(label, container, work, props = {}) {
  const button = h('button', { type: 'button', ...props }, label);
  button.addEventListener('click', () => act(container, button, work));
  return button;
}
