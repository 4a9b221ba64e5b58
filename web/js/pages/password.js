import { get, post, put } from '../api.js';
import { act, field, h, input, notice, select } from '../dom.js';

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
  await renderPreferences(root);
}

const EMAIL_CHOICES = [
  ['immediate', 'Each time something waits for me'],
  ['daily', 'One summary a day'],
  ['off', 'No email (the home page still lists everything)'],
];

async function renderPreferences(root) {
  const current = await get('me/notification-preferences');
  const saved = h('div', { 'aria-live': 'polite' });
  const form = h('form', { novalidate: true },
    field('Email me about my tasks', select('email', EMAIL_CHOICES, { value: current.email })),
    h('button', { type: 'submit' }, 'Save'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(form, form.querySelector('button'), async () => {
      await put('me/notification-preferences', { email: form.email.value });
      saved.replaceChildren(notice('Saved.'));
    });
  });
  root.append(h('section', { 'aria-labelledby': 'email-prefs-h' }, h('h2', { id: 'email-prefs-h' }, 'Email notifications'), saved, form));
}
