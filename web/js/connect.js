// Starting a sign-in to a platform: Gatehouse answers with the platform's consent page, and the browser
// goes there; the platform sends it back to /oauth/callback, which forwards to /connections/{id}.
import { ApiError, post } from './api.js';

export const PLATFORM_NAMES = { facebook: 'Facebook', instagram: 'Instagram', linkedin: 'LinkedIn', youtube: 'YouTube' };
export const KIND_NAMES = { page: 'Facebook Page', instagram_account: 'Instagram account', organization: 'LinkedIn page', channel: 'YouTube channel' };
export const PLATFORM_OF_KIND = { page: 'facebook', instagram_account: 'instagram', organization: 'linkedin', channel: 'youtube' };

/** Sends the browser to the platform's consent page; an unconfigured platform goes to the page that says what to set. */
export async function startConnection(navigate, platform, accountId) {
  try {
    const connection = await post('connections', accountId ? { platform, accountId } : { platform });
    location.assign(connection.authorizationUrl);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'PLATFORM_APP_NOT_CONFIGURED') {
      await navigate(`/connections/setup?platform=${encodeURIComponent(platform)}`);
      return;
    }
    throw error;
  }
}
