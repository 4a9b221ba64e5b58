import { request } from '../api.js';
import { clearErrors, field, h, input, link, notice, showError } from '../dom.js';
import { forgetCaches } from '../people.js';
import { session } from '../app.js';

/** Why single sign-on sent the person back here (GET /auth/oidc/callback adds ?sso=). */
const SSO_REFUSALS = {
  expired: 'That sign-in took too long or was already used. Please try again.',
  provider: 'Sign-in was cancelled or refused at your organisation’s sign-in page.',
  invalid: 'Your organisation’s sign-in could not be verified. Please try again, or ask an administrator.',
  unknown: 'There is no Gatehouse account for that email address. Ask an administrator to add you.',
  left: 'Your access to Gatehouse has ended.',
  unavailable: 'Your organisation’s sign-in service could not be reached. Please try again shortly.',
};

export async function render({ root, query, navigate }) {
  const ended = query.get('ended');
  const refusal = query.get('sso');
  const methods = await request('GET', 'auth/methods').catch(() => ({ password: true, oidc: null }));
  const form = h('form', { novalidate: true },
    field('Email address', input('email', { type: 'email', autocomplete: 'username', required: true })),
    field('Password', input('password', { type: 'password', autocomplete: 'current-password', required: true })),
    h('button', { type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    signIn(form, button, query, navigate);
  });
  // A full-page navigation to the provider, not an app route.
  const sso = methods.oidc ? h('p', {}, h('a', { href: '/auth/oidc/login', class: 'button' }, `Sign in with ${methods.oidc.name}`)) : null;
  // With passwords off, the form stays for the bootstrap admin, out of everyone else's way.
  const passwords = methods.password || !methods.oidc ? form : h('details', {}, h('summary', {}, 'Administrator sign-in with a password'), form);
  // Through h(): Element.append would print a null (no notice, no SSO) as the text "null".
  root.append(h('div', {},
    h('h1', {}, 'Sign in to Gatehouse'),
    ended ? notice(`You have been signed out: ${ended}`, 'warning') : null,
    refusal ? notice(SSO_REFUSALS[refusal] || SSO_REFUSALS.invalid, 'warning') : null,
    sso,
    passwords,
    methods.password ? h('p', {}, link('/forgot-password', 'Forgot your password?')) : null));
}

/** Unlike other forms, a 401 here is the answer (wrong email or password), so it is shown, not treated as a lapsed session. */
async function signIn(form, button, query, navigate) {
  button.disabled = true;
  clearErrors(form);
  try {
    await request('POST', '/web/session', { email: form.email.value.trim(), password: form.password.value });
    forgetCaches();
    // The next page reads GET /me, which also says what the caller may do (callerActions).
    session.me = null;
    const next = query.get('next');
    await navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  } catch (error) {
    showError(form, error.status === 401 && (!error.message || error.code === 'UNKNOWN')
      ? { message: 'The email address or password is not right. Check them and try again.' } : error);
  } finally {
    button.disabled = false;
  }
}
