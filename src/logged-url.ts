/** Query parameters that carry a secret: a media link's signature, an OAuth code and state, any token. */
const SECRET_PARAMETERS = /^(sig|signature|token|code|state|access_token|refresh_token|id_token|key)$/i;

/**
 * The URL as a log line may show it: a secret query value is replaced, so a signed media link or an
 * OAuth callback in the log cannot be replayed. Unparseable queries are dropped whole.
 */
export function loggedUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const path = url.slice(0, mark);
  try {
    const params = new URLSearchParams(url.slice(mark + 1));
    for (const name of new Set(params.keys())) if (SECRET_PARAMETERS.test(name)) params.set(name, '[redacted]');
    return `${path}?${params.toString().replace(/%5Bredacted%5D/g, '[redacted]')}`;
  } catch {
    return `${path}?[redacted]`;
  }
}
