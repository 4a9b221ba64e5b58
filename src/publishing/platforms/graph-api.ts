import { AppConfig } from '../../common/config/app-config';
import { HttpResult, PlatformHttp } from './platform-http';

/** Calls to the Graph API (Facebook and Instagram share it): versioned base URL, token as `access_token`. */
export class GraphApi {
  private readonly base: string;

  constructor(
    private readonly http: PlatformHttp,
    config: Pick<AppConfig, 'platforms'>,
  ) {
    this.base = `${config.platforms.facebookGraphUrl}/${config.platforms.graphApiVersion}`;
  }

  get(path: string, params: Record<string, string>, token: string): Promise<HttpResult> {
    const query = new URLSearchParams({ ...params, access_token: token });
    return this.http.send({ method: 'GET', url: `${this.base}/${path}?${query}` });
  }

  /** Form-encoded, as the Graph API documents its POST parameters. */
  post(path: string, params: Record<string, string>, token: string): Promise<HttpResult> {
    const body = new URLSearchParams({ ...params, access_token: token });
    return this.http.send({ method: 'POST', url: `${this.base}/${path}`, body });
  }

  delete(path: string, token: string): Promise<HttpResult> {
    const query = new URLSearchParams({ access_token: token });
    return this.http.send({ method: 'DELETE', url: `${this.base}/${path}?${query}` });
  }
}

/** Graph API timestamps look like `2026-11-23T08:00:00+0000`. */
export function parseGraphTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? null : ms;
}
