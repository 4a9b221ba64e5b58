import { request } from '../api.js';
import { act, field, h, input, link, notice } from '../dom.js';
import { forgetCaches } from '../people.js';
import { session } from '../app.js';

export async function render({ root, query, navigate }) {
  const ended = query.get('ended');
  const form = h('form', { novalidate: true },
    field('Email address', input('email', { type: 'email', autocomplete: 'username', required: true })),
    field('Password', input('password', { type: 'password', autocomplete: 'current-password', required: true })),
    h('button', { type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    act(form, button, async () => {
      const result = await request('POST', '/web/session', { email: form.email.value.trim(), password: form.password.value });
      forgetCaches();
      session.me = result.staff;
      const next = query.get('next');
      await navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    });
  });
  root.append(h('h1', {}, 'Sign in to Gatehouse'), ended ? notice(`You have been signed out: ${ended}`, 'warning') : null, form,
    h('p', {}, link('/forgot-password', 'Forgot your password?')));
}
