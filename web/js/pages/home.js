import { get } from '../api.js';
import { fmtDate, h, link, notice } from '../dom.js';

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
  // The to-do list is the server's: every kind of task, computed from the state now.
  const { items } = await get('me/tasks');
  const todo = h('ul', { class: 'tasks' }, items.map((task) => h('li', {}, link(task.path, task.title), ' ', h('span', { class: 'meta' }, `since ${fmtDate(task.since)}`))));
  root.append(h('h2', {}, 'Waiting for you'), items.length ? todo : notice('Nothing is waiting for you.'));
  root.append(h('h2', {}, 'Start'), h('ul', {},
    h('li', {}, link('/drafts/new', 'Write a post')),
    h('li', {}, link('/drafts', 'See what happened to your posts')),
    h('li', {}, link('/accounts', 'Accounts you can post to'))));
}
