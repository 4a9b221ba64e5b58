import { request } from '../api.js';
import { act, field, h, input, link, notice } from '../dom.js';

// The answer is the same whether or not the address is known: the page never says which.
export async function render({ root }) {
  const done = h('div', { role: 'status' });
  const form = h('form', { novalidate: true },
    field('Email address', input('email', { type: 'email', autocomplete: 'username', required: true })),
    h('button', { type: 'submit' }, 'Email me a reset link'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(form, form.querySelector('button'), async () => {
      await request('POST', 'auth/password-reset', { email: form.email.value.trim() });
      done.replaceChildren(notice('If that address belongs to a Gatehouse account, an email with a link is on its way. The link works once, within 30 minutes.'));
    });
  });
  root.append(h('h1', {}, 'Forgot your password?'), h('p', {}, 'Enter your work email address and Gatehouse will send you a link to choose a new password.'), form, done,
    h('p', {}, link('/sign-in', 'Back to sign in')));
}
