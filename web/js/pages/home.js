import { get, getAll } from '../api.js';
import { h, link, notice } from '../dom.js';

export async function render({ root, me }) {
  root.append(h('h1', {}, `Hello, ${me.displayName}`), h('p', { class: 'meta' }, `Signed in as ${me.email} · roles: ${me.roles.join(', ')}`));
  let policy = null;
  try {
    policy = await get('policies/current');
  } catch (error) {
    if (error.code !== 'NO_POLICY' && error.status !== 404) throw error;
  }
  if (policy && (!me.policyAcknowledgement || me.policyAcknowledgement.policyVersion !== policy.version)) {
    root.append(h('div', { class: 'warning' }, 'You have not yet acknowledged the current social media policy. You cannot write posts until you do. ', link('/policy', 'Read and acknowledge the policy')));
  }
  const todo = h('ul', {});
  const consents = await getAll('consent-requests?limit=200').catch(() => ({ items: [] }));
  const pending = consents.items.filter((c) => c.status === 'pending').length;
  if (pending) todo.append(h('li', {}, link('/consent', `${pending} consent request${pending === 1 ? '' : 's'} waiting for your answer`)));
  const mine = await getAll('drafts?mine=true&status=changes_requested&limit=200').catch(() => ({ items: [] }));
  if (mine.items.length) todo.append(h('li', {}, link('/drafts?status=changes_requested', `${mine.items.length} post${mine.items.length === 1 ? '' : 's'} with changes requested`)));
  if (me.roles.includes('manager')) {
    const queue = await getAll('approvals?limit=200').catch(() => ({ items: [] }));
    if (queue.items.length) todo.append(h('li', {}, link('/approvals', `${queue.items.length} post${queue.items.length === 1 ? '' : 's'} waiting for approval`)));
  }
  root.append(h('h2', {}, 'Waiting for you'), todo.children.length ? todo : notice('Nothing is waiting for you.'));
  root.append(h('h2', {}, 'Start'), h('ul', {},
    h('li', {}, link('/drafts/new', 'Write a post')),
    h('li', {}, link('/drafts', 'See what happened to your posts')),
    h('li', {}, link('/accounts', 'Accounts you can post to'))));
}
