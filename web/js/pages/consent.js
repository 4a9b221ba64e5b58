import { get, getAll, post } from '../api.js';
import { actionButton, announce, badge, fmtTime, h, link, notice } from '../dom.js';
import { postPreview } from '../post-view.js';

export async function render({ root, reload }) {
  const page = await getAll('consent-requests?limit=200');
  root.append(h('h1', {}, 'Consent requests'), h('p', {}, 'A colleague wants to publish a photo or video that shows you. It will not be published unless you agree.'));
  if (!page.items.length) {
    root.append(notice('Nobody has asked for your consent.'));
    return;
  }
  // Show the post where the person may see it; otherwise they ask whoever asked them.
  const drafts = new Map();
  await Promise.all([...new Set(page.items.map((c) => c.draftId))].map(async (id) => drafts.set(id, await get(`drafts/${id}`).catch(() => null))));
  root.append(h('ul', { class: 'cards' }, page.items.map((c) => {
    const draft = drafts.get(c.draftId);
    const card = h('li', { class: 'card' }, h('h2', {}, 'Photo or video of you ', badge(c.status)),
      h('p', { class: 'meta' }, `Asked ${fmtTime(c.createdAt)}${c.decidedAt ? ` · answered ${fmtTime(c.decidedAt)}` : ''}`),
      draft ? [postPreview(draft, null), link(`/drafts/${c.draftId}`, 'Open the post')] : h('p', {}, 'You cannot open this post yourself; ask the colleague who wrote it to show it to you before you answer.'));
    const decide = (decision) => async () => {
      await post(`consent-requests/${c.id}/decision`, { decision });
      await reload();
      announce(decision === 'granted' ? 'Consent given.' : 'Consent refused.');
    };
    if (c.status === 'pending') card.append(h('div', { class: 'inline-actions' }, actionButton('I agree', card, decide('granted')), actionButton('I do not agree', card, decide('refused'), { class: 'danger' })));
    return card;
  })));
}
