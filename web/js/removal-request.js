// On a post's page: report a concern about it, and "Ask for this to be removed" where the server allows it.
import { h, link } from './dom.js';
import { actionControls } from './actions/render.js';
import { DRAFT_ACTIONS } from './actions/draft.js';

export function removalSection(draft, me, after) {
  return h('section', { 'aria-labelledby': `concern-${draft.id}` }, h('h2', { id: `concern-${draft.id}` }, 'Something wrong with this post?'),
    h('p', {}, link(`/concerns/new?draftId=${encodeURIComponent(draft.id)}`, 'Report a concern about this post')),
    actionControls(DRAFT_ACTIONS, draft, { me, after }, 'removal'));
}
