// On a post's page: report a concern about it, and "Ask for this to be removed" for a colleague it shows.
import { post } from './api.js';
import { announce, h, link, miniForm, textarea } from './dom.js';

const OUTCOME_WORDS = {
  taken_down: 'The post was taken down.',
  takedown_pending: 'The platform has no delete: a manager has been given a task to remove it by hand, today.',
  consent_withdrawn: 'Your consent is now refused: the post will not be published with you in it.',
};

export function removalSection(draft, me, after) {
  const showsMe = draft.revision.media.some((m) => m.depicts.staffIds.includes(me.id));
  const box = h('section', { 'aria-labelledby': `concern-${draft.id}` }, h('h2', { id: `concern-${draft.id}` }, 'Something wrong with this post?'),
    h('p', {}, link(`/concerns/new?draftId=${encodeURIComponent(draft.id)}`, 'Report a concern about this post')));
  const mayAsk = (showsMe && draft.status !== 'taken_down') || (me.roles.includes('manager') && draft.status === 'published');
  if (!mayAsk) return box;
  box.append(miniForm({
    title: 'Ask for this to be removed',
    submit: 'Ask for this to be removed',
    danger: true,
    fields: [['Why (the Registered Manager sees this)', textarea('reason', { rows: 3 }), showsMe ? 'You are shown in this post. A published post comes down straight away, with no approval needed.' : 'A published post comes down straight away.']],
    onSubmit: async (form) => {
      const request = await post(`drafts/${draft.id}/removal-requests`, { reason: form.elements.reason.value.trim() });
      await after(OUTCOME_WORDS[request.outcome]);
    },
  }));
  return box;
}
