import { post } from '../api.js';
import { announce, checkbox, compact, formValues, h, input, miniForm, notice, select, textarea } from '../dom.js';
import { KIND_LABELS } from '../concern-clock.js';

/** Report a concern, from anywhere; `?draftId=` when it is about one of our posts. */
export async function render({ root, query, navigate }) {
  const draftId = query.get('draftId') || '';
  root.append(h('h1', {}, 'Report a concern'),
    h('p', {}, 'Tell the Registered Manager about a breach of the social media policy, a mistake, harassment, or something about us you saw online. Write what happened; you can name a colleague, but only name people we support where you must.'));
  if (draftId) root.append(notice('This concern is about the post you came from.'));
  const kind = select('kind', Object.entries(KIND_LABELS), { value: draftId ? 'post' : 'other', required: true });
  root.append(miniForm({
    submit: 'Send to the Registered Manager',
    fields: [
      ['What is it about?', kind],
      ['What happened', textarea('description', { rows: 6, required: true, maxlength: 10000 })],
      ['Where you saw it (a web address, if online)', input('url', { type: 'url', inputmode: 'url' }), 'Optional. Starts with https://'],
      h('fieldset', {}, h('legend', {}, 'Does it involve…'),
        checkbox('involvesServiceUsers', 'people the service supports (the Safeguarding Lead is told at once)'),
        checkbox('personalData', 'personal data that may have been shared, lost or changed (the DPO has 72 hours to decide whether to report it to the ICO)')),
    ],
    onSubmit: async (form) => {
      const values = formValues(form);
      const created = await post('concerns', compact({ ...values, draftId: draftId || undefined }));
      announce('Your concern was sent.');
      await navigate(`/concerns/${created.id}`);
    },
  }));
}
