// What an administrator must set before a platform can be connected (PLATFORM_APP_NOT_CONFIGURED).
import { h, link } from '../dom.js';
import { PLATFORM_NAMES } from '../connect.js';

const VARIABLES = {
  facebook: ['GATEHOUSE_FACEBOOK_APP_ID', 'GATEHOUSE_FACEBOOK_APP_SECRET'],
  instagram: ['GATEHOUSE_FACEBOOK_APP_ID', 'GATEHOUSE_FACEBOOK_APP_SECRET'],
  linkedin: ['GATEHOUSE_LINKEDIN_CLIENT_ID', 'GATEHOUSE_LINKEDIN_CLIENT_SECRET'],
  youtube: ['GATEHOUSE_GOOGLE_CLIENT_ID', 'GATEHOUSE_GOOGLE_CLIENT_SECRET'],
};
const CONSOLES = {
  facebook: 'a Meta app (developers.facebook.com) with Facebook Login for Business',
  instagram: 'a Meta app (developers.facebook.com) with Facebook Login for Business; Instagram accounts are connected through the Facebook Page they are linked to',
  linkedin: 'a LinkedIn app (developer.linkedin.com) with the Community Management API',
  youtube: 'a Google Cloud project (console.cloud.google.com) with the YouTube Data API v3 and an OAuth client of type “Web application”',
};

export async function render({ root, query }) {
  const platform = VARIABLES[query.get('platform')] ? query.get('platform') : 'facebook';
  const name = PLATFORM_NAMES[platform];
  root.append(
    h('h1', {}, `${name} cannot be connected yet`),
    h('div', { class: 'warning', role: 'note' }, `Gatehouse has no ${name} app configured, so nobody can sign in to ${name} from here. This is set up once, by whoever runs Gatehouse.`),
    h('h2', {}, 'What the administrator must do'),
    h('ol', {},
      h('li', {}, `Register ${CONSOLES[platform]}.`),
      h('li', {}, 'Add this redirect URI to the app, exactly: ', h('code', {}, `${location.origin}/oauth/callback`), ' (it is GATEHOUSE_PUBLIC_URL followed by /oauth/callback).'),
      h('li', {}, 'Set these environment variables for Gatehouse and restart it: ', h('ul', {}, VARIABLES[platform].map((v) => h('li', {}, h('code', {}, v))))),
    ),
    h('p', {}, 'The README section “Connecting accounts” has the steps for each platform, with the permissions and the app review each one requires.'),
    h('p', {}, link('/accounts', 'Back to accounts')),
  );
}
