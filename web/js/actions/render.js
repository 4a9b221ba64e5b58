// What the caller may do with a resource is the server's answer, `allowedActions` (API.md section 19).
// Each resource has ONE table (actions/<resource>.js) from action name to how it is offered; this file
// turns the allowed ones into controls and decides nothing itself. Pages ask for a place ("page",
// "queue", "credentials"...), never for an action name, so renaming an action is one line in its table.
//
// An offer: { label, place?, alsoOn?, style?, heading?, hint?, confirm?, href?, fields?, title?, submit?,
//   danger?, open?, stay?, ariaLabel?, formClass?, run(subject, form, ctx), done?(result, subject, ctx) -> message }.
// What the caller may do beyond one resource (add staff, add an account...) is GET /me's `callerActions`:
// pages pass `callerSubject(me)` as the subject for those tables, or ask `callerMay(me, action)`.
// Every text may be a function of (subject, ctx). An action may have several offers (an array).
import { actionButton, h, link, miniForm } from '../dom.js';

/** The actions the server allows on `subject` now; none when it says nothing. */
export const allowedActions = (subject) => (subject && Array.isArray(subject.allowedActions) ? subject.allowedActions : []);

/** GET /me's `callerActions` as a subject, so a table of actions on a collection renders like any other. */
export const callerSubject = (me) => ({ allowedActions: (me && Array.isArray(me.callerActions)) ? me.callerActions : [] });

/** Whether the server lets the caller take `action` beyond any one resource (GET /me's `callerActions`). */
export const callerMay = (me, action) => allowedActions(callerSubject(me)).includes(action);

const text = (value, subject, ctx) => (typeof value === 'function' ? value(subject, ctx) : value);
const shownAt = (offer, place) => (offer.place || 'page') === place || (offer.alsoOn || []).includes(place);

/** The allowed offers of `table` for `place`, in the table's order, each with its action name. */
export function offersAt(table, subject, place = 'page') {
  const allowed = allowedActions(subject);
  return Object.entries(table).filter(([action]) => allowed.includes(action))
    .flatMap(([action, entry]) => [].concat(entry).map((offer) => ({ action, ...offer })))
    .filter((offer) => shownAt(offer, place));
}

/**
 * The controls for the allowed offers at `place`, or null when there are none. Buttons come first in
 * one row; a form is folded under its button (one at a time) unless the offer says `open`.
 * `ctx.after(message, result)` re-renders after a change; `ctx.item` is the row an offer acts on.
 */
export function actionControls(table, subject, ctx, place = 'page') {
  const offers = offersAt(table, subject, place);
  if (!offers.length) return null;
  const box = h('div', { class: 'resource-actions' });
  const row = h('div', { class: 'inline-actions choices' });
  const status = h('p', { role: 'status', class: 'action-result' });
  const say = (message) => { status.textContent = message || ''; };
  const open = [];
  const folded = [];
  const finish = async (offer, result) => {
    const message = offer.done ? offer.done(result, subject, ctx) : undefined;
    if (offer.stay) say(message);
    else await ctx.after(message, result);
  };
  for (const offer of offers) {
    const label = text(offer.label, subject, ctx);
    const className = text(offer.style, subject, ctx);
    const props = { class: className || null, 'aria-label': text(offer.ariaLabel, subject, ctx) || null };
    if (offer.heading) box.append(h('h2', {}, text(offer.heading, subject, ctx)));
    if (offer.hint) box.append(h('p', { class: 'hint' }, text(offer.hint, subject, ctx)));
    if (offer.href) {
      row.append(link(text(offer.href, subject, ctx), label, { class: `button${className ? ` ${className}` : ''}` }));
    } else if (offer.fields) {
      const form = miniForm({
        title: text(offer.title, subject, ctx),
        fields: offer.fields(subject, ctx),
        submit: text(offer.submit, subject, ctx) || label,
        danger: offer.danger,
        className: offer.formClass,
        onSubmit: async (f) => {
          if (offer.confirm && !window.confirm(text(offer.confirm, subject, ctx))) return;
          const result = await offer.run(subject, f, { ...ctx, say });
          await finish(offer, result);
        },
      });
      if (offer.open) open.push(form);
      else {
        row.append(revealing(box, label, form, props));
        folded.push(form);
      }
    } else {
      row.append(actionButton(label, box, async () => {
        if (offer.confirm && !window.confirm(text(offer.confirm, subject, ctx))) return;
        const result = await offer.run(subject, null, { ...ctx, say });
        await finish(offer, result);
      }, props));
    }
  }
  if (row.children.length) box.append(row);
  box.append(...folded, ...open, status);
  return box;
}

/** A button that shows its own form and folds the others, so a card carries buttons rather than forms. */
function revealing(box, label, form, props) {
  const button = h('button', { type: 'button', 'aria-expanded': 'false', ...props }, label);
  form.hidden = true;
  button.addEventListener('click', () => {
    const opening = form.hidden;
    for (const other of box.querySelectorAll(':scope > form[data-folded]')) other.hidden = true;
    for (const other of box.querySelectorAll(':scope > .choices > button[aria-expanded]')) other.setAttribute('aria-expanded', 'false');
    form.hidden = !opening;
    button.setAttribute('aria-expanded', String(opening));
    if (opening) (form.querySelector('input, textarea, select, button') || form).focus();
  });
  form.dataset.folded = 'true';
  return button;
}
