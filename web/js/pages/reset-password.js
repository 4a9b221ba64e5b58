import { request } from '../api.js';
import { act, field, h, input, link, notice } from '../dom.js';

// The token comes in the link's fragment (#token=...), which the browser never sends to a server.
export async function render({ root, navigate }) {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  root.append(h('h1', {}, 'Choose a new password'));
  if (!token) {
    root.append(notice('This page needs the link from your reset email.', 'warning'), h('p', {}, link('/forgot-password', 'Ask for a reset link')));
    return;
  }
  const form = h('form', { novalidate: true },
    field('New password', input('newPassword', { type: 'password', autocomplete: 'new-password', required: true, minlength: 12 }), 'At least 12 characters.'),
    h('button', { type: 'submit' }, 'Set the new password'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(form, form.querySelector('button'), async () => {
      await request('POST', 'auth/password-reset/confirm', { token, newPassword: form.newPassword.value });
      history.replaceState(null, '', '/reset-password');
      await navigate('/sign-in?ended=' + encodeURIComponent('your password was changed; sign in with the new one.'), { replace: true });
    });
  });
  root.append(form, h('p', {}, link('/forgot-password', 'Ask for a new link')));
}
