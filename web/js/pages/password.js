import { post } from '../api.js';
import { act, field, h, input, notice } from '../dom.js';

export async function render({ root }) {
  const done = h('div', { 'aria-live': 'polite' });
  const form = h('form', { novalidate: true },
    field('Current password', input('currentPassword', { type: 'password', autocomplete: 'current-password' })),
    field('New password', input('newPassword', { type: 'password', autocomplete: 'new-password', minlength: 12 }), 'At least 12 characters. Your other sessions will be signed out.'),
    h('button', { type: 'submit' }, 'Change password'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(form, form.querySelector('button'), async () => {
      await post('me/password', { currentPassword: form.currentPassword.value, newPassword: form.newPassword.value });
      form.reset();
      done.replaceChildren(notice('Your password has been changed. Your other sessions have been signed out.'));
    });
  });
  root.append(h('h1', {}, 'Change your password'), done, form);
}
