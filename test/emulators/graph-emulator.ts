import { randomBytes } from 'crypto';
import { EmulatorServer, nextNumericId, RecordedRequest, Reply } from './emulator-server';
import { OAuthDesk } from './oauth-desk';

const trace = () => randomBytes(8).toString('base64url');

/** The Graph API error body, exactly as Meta shapes it. */
export function graphError(status: number, code: number, message: string, extra: Record<string, unknown> = {}): Reply {
  const headers: Record<string, string> = code === 190 ? { 'WWW-Authenticate': 'OAuth "Facebook Platform" "invalid_token", "Invalid OAuth access token"' } : {};
  return { status, headers, body: { error: { message, type: 'OAuthException', code, ...extra, fbtrace_id: trace() } } };
}

interface FbPost { id: string; message: string; link?: string; created_time: string; photoUrl?: string }
interface Container { id: string; igUser: string; caption: string; imageUrl: string; polls: number; status: 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED'; mediaId?: string }
interface IgMedia { id: string; caption: string; timestamp: string; permalink: string }

/** A Page a Facebook user has a role on: `tasks` as Meta lists them; `ticked` whether they chose it on the consent page. */
export interface FbPageRole {
  id: string;
  name: string;
  tasks: string[];
  ticked: boolean;
  instagram?: { id: string; username: string };
}
interface UserToken { userId: string; appId: string; longLived: boolean; expiresIn: number }
interface PageToken { userId: string; pageId: string; appId: string }

/** Graph API time format: `2026-11-23T08:00:00+0000`. */
const graphTime = (d = new Date()) => d.toISOString().replace(/\.\d{3}Z$/, '+0000');

/**
 * Facebook Pages and Instagram professional accounts on one Graph API host, as documented
 * (see ../shared/PLATFORMS.md): versioned paths, form bodies, `access_token` parameter.
 */
export class GraphEmulator extends EmulatorServer {
  /** Page or IG user id -> the token that may act on it. */
  readonly tokens = new Map<string, string>();
  readonly pagePosts = new Map<string, FbPost[]>();
  readonly containers = new Map<string, Container>();
  readonly igMedia = new Map<string, IgMedia[]>();
  readonly quota = new Map<string, { usage: number; total: number }>();
  /** Status checks a new container answers IN_PROGRESS before FINISHED. */
  pollsUntilFinished = 1;
  /** Forces what the next container becomes instead of FINISHED. */
  nextContainerEnds: Container['status'] | null = null;
  /** What Instagram got when it fetched each image_url: proof that the signed link works. */
  readonly downloads: { url: string; status: number; bytes: number; contentType: string | null }[] = [];
  /** Graph API versions seen in paths. */
  readonly versions = new Set<string>();
  /** Facebook Login: the app registration, the consent dialog and its codes. */
  readonly login = new OAuthDesk();
  /** Facebook user id -> the Pages they hold a role on. */
  readonly users = new Map<string, FbPageRole[]>();
  readonly userTokens = new Map<string, UserToken>();
  readonly pageTokens = new Map<string, PageToken>();
  /** How many Pages one answer of me/accounts holds before `paging.next`. */
  accountsPageSize = 2;
  private issuedTokens = 0;

  addPage(pageId: string, token: string): void {
    this.tokens.set(pageId, token);
    this.pagePosts.set(pageId, []);
  }

  addInstagramUser(igUserId: string, token: string, quotaTotal = 50): void {
    this.tokens.set(igUserId, token);
    this.igMedia.set(igUserId, []);
    this.quota.set(igUserId, { usage: 0, total: quotaTotal });
  }

  protected rateLimitBody() {
    return { error: { message: '(#4) Application request limit reached', type: 'OAuthException', is_transient: true, code: 4, fbtrace_id: trace() } };
  }

  protected serverErrorBody() {
    return { error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', is_transient: true, code: 2, fbtrace_id: trace() } };
  }

  /** A Facebook user with Page roles, who may sign in on the consent dialog. */
  addUser(userId: string, pages: FbPageRole[]): void {
    this.users.set(userId, pages);
  }

  /** What happens when the person changes their password or loses their roles: every token they issued dies. */
  invalidateUser(userId: string): void {
    for (const [token, user] of this.userTokens) if (user.userId === userId) this.userTokens.delete(token);
    for (const [token, grant] of this.pageTokens) {
      if (grant.userId !== userId) continue;
      this.pageTokens.delete(token);
      for (const [owner, current] of this.tokens) if (current === token) this.tokens.delete(owner);
    }
  }

  protected async handle(r: RecordedRequest): Promise<Reply> {
    const match = /^\/(v\d+\.\d+)\/([^/]+)(?:\/([^/]+))?$/.exec(r.path);
    if (!match) return graphError(400, 2500, 'Unknown path components: ' + r.path);
    this.versions.add(match[1]);
    const [, version, id, edge] = match;
    const oauth = this.oauth(r, version, id, edge);
    if (oauth) return oauth;
    const params = r.method === 'POST' ? r.form : r.query;
    const token = params.get('access_token');
    if (!token) return graphError(400, 2500, 'An active access token must be used to query information about the current user.');
    if (this.userTokens.has(token) && (r.method === 'POST' || r.method === 'DELETE')) {
      return graphError(403, 200, '(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission; the post must be posted to a page as the page itself');
    }
    const owner = this.ownerOf(id);
    if (owner === null) {
      if (r.method === 'DELETE') {
        return graphError(400, 100, `Unsupported delete request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`, { error_subcode: 33 });
      }
      return graphError(400, 100, `Unsupported ${r.method.toLowerCase()} request. Object with ID '${id}' does not exist`, { error_subcode: 33 });
    }
    if (this.tokens.get(owner) !== token) return graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token');

    const key = `${r.method} ${edge ?? ''}`;
    if (this.pagePosts.has(id)) {
      if (key === 'POST feed') return this.createPost(id, params);
      if (key === 'POST photos') return this.createPhoto(id, params);
      if (key === 'GET feed') return this.listFeed(id, params);
    }
    if (this.igMedia.has(id)) {
      if (key === 'GET content_publishing_limit') {
        const q = this.quota.get(id)!;
        return { status: 200, body: { data: [{ quota_usage: q.usage, config: { quota_total: q.total, quota_duration: 86400 } }] } };
      }
      if (key === 'POST media') return this.createContainer(id, params);
      if (key === 'POST media_publish') return this.publishContainer(id, params);
      if (key === 'GET media') return { status: 200, body: { data: [...this.igMedia.get(id)!].reverse(), paging: { cursors: { before: 'b', after: 'a' } } } };
    }
    if (key === 'GET ') return this.readObject(id, params);
    if (key === 'DELETE ') return this.deletePost(id);
    return graphError(400, 100, `Unsupported ${r.method.toLowerCase()} request on ${edge ?? id}`);
  }

  /** Facebook Login ("manually build a login flow"), me/accounts and debug_token; null for any other path. */
  private oauth(r: RecordedRequest, version: string, id: string, edge: string | undefined): Reply | null {
    if (r.method !== 'GET') return null;
    if (id === 'dialog' && edge === 'oauth') return this.login.consent(r);
    if (id === 'oauth' && edge === 'access_token') return this.accessToken(r.query);
    if (id === 'me' && edge === 'accounts') return this.meAccounts(r.query, version);
    if (id === 'debug_token' && edge === undefined) return this.debugToken(r.query);
    return null;
  }

  private accessToken(q: URLSearchParams): Reply {
    const app = this.login.apps.get(q.get('client_id') ?? '');
    if (!app || app.clientSecret !== q.get('client_secret')) return graphError(400, 1, 'Error validating client secret.');
    if (q.get('grant_type') === 'fb_exchange_token') {
      const short = this.userTokens.get(q.get('fb_exchange_token') ?? '');
      if (!short || short.appId !== app.clientId) return graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token');
      return this.issueUserToken(short.userId, app.clientId, true);
    }
    const redemption = this.login.redeem(q);
    switch (redemption.kind) {
      case 'ok':
        return this.issueUserToken(redemption.code.userId, app.clientId, false);
      case 'used_code':
        return graphError(400, 100, 'This authorization code has been used.', { error_subcode: 36009 });
      case 'redirect_mismatch':
        return graphError(400, 100, 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request', { error_subcode: 36008 });
      default:
        return graphError(400, 100, 'Invalid verification code format.', { error_subcode: 36007 });
    }
  }

  private issueUserToken(userId: string, appId: string, longLived: boolean): Reply {
    const token = `EAAU${longLived ? 'long' : 'short'}-${userId}-${++this.issuedTokens}`;
    const expiresIn = longLived ? 5_183_944 : 6_900;
    this.userTokens.set(token, { userId, appId, longLived, expiresIn });
    return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: expiresIn } };
  }

  /** The Pages of the signed-in user: those not ticked on the consent page come back without a token. */
  private meAccounts(q: URLSearchParams, version: string): Reply {
    const token = q.get('access_token') ?? '';
    const user = this.userTokens.get(token);
    if (!user) return graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token');
    const fields = (q.get('fields') ?? 'id,name,access_token').split(/,(?![^{]*})/);
    const pages = this.users.get(user.userId) ?? [];
    const start = Number(q.get('after') ? Buffer.from(q.get('after')!, 'base64url').toString() : 0);
    const size = Math.min(Number(q.get('limit') ?? 25), this.accountsPageSize);
    const slice = pages.slice(start, start + size);
    const data = slice.map((page) => {
      const entry: Record<string, unknown> = { id: page.id, name: page.name, tasks: page.tasks };
      if (page.ticked) entry.access_token = this.pageTokenFor(user, page);
      if (page.ticked && page.instagram) entry.instagram_business_account = page.instagram;
      return pick(entry, fields.map((f) => f.replace(/\{.*$/, '')));
    });
    const cursors = { before: Buffer.from(String(start)).toString('base64url'), after: Buffer.from(String(start + slice.length)).toString('base64url') };
    const paging: Record<string, unknown> = { cursors };
    if (start + slice.length < pages.length) {
      const next = new URLSearchParams(q);
      next.set('after', cursors.after);
      paging.next = `${this.url}/${version}/me/accounts?${next}`;
    }
    return { status: 200, body: { data, paging } };
  }

  /** A Page token from a long-lived user token never expires; the Page's Instagram account publishes with it too. */
  private pageTokenFor(user: UserToken, page: FbPageRole): string {
    for (const [token, grant] of this.pageTokens) if (grant.userId === user.userId && grant.pageId === page.id && this.tokens.get(page.id) === token) return token;
    const token = `EAAP-${page.id}-${++this.issuedTokens}`;
    this.pageTokens.set(token, { userId: user.userId, pageId: page.id, appId: user.appId });
    this.tokens.set(page.id, token);
    if (!this.pagePosts.has(page.id)) this.pagePosts.set(page.id, []);
    if (page.instagram) {
      this.tokens.set(page.instagram.id, token);
      if (!this.igMedia.has(page.instagram.id)) this.igMedia.set(page.instagram.id, []);
      if (!this.quota.has(page.instagram.id)) this.quota.set(page.instagram.id, { usage: 0, total: 50 });
    }
    return token;
  }

  private debugToken(q: URLSearchParams): Reply {
    const [appId, secret] = (q.get('access_token') ?? '').split('|');
    const app = this.login.apps.get(appId);
    if (!app || app.clientSecret !== secret) return graphError(400, 190, 'Invalid OAuth access token signature.');
    const input = q.get('input_token') ?? '';
    const scopes = ['pages_show_list', 'pages_manage_posts', 'pages_read_engagement', 'business_management', 'instagram_basic', 'instagram_content_publish'];
    const page = this.pageTokens.get(input);
    if (page && this.tokens.get(page.pageId) === input) {
      return { status: 200, body: { data: { app_id: appId, type: 'PAGE', application: 'Gatehouse', data_access_expires_at: 0, expires_at: 0, is_valid: true, issued_at: 1764000000, profile_id: page.pageId, scopes, user_id: page.userId } } };
    }
    const user = this.userTokens.get(input);
    if (user) {
      return { status: 200, body: { data: { app_id: appId, type: 'USER', application: 'Gatehouse', expires_at: Math.floor(Date.now() / 1000) + user.expiresIn, is_valid: true, scopes, user_id: user.userId } } };
    }
    return {
      status: 200,
      body: { data: { app_id: appId, type: 'PAGE', application: 'Gatehouse', expires_at: 0, is_valid: false, scopes: [], error: { code: 190, message: 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.', subcode: 460 } } },
    };
  }

  private ownerOf(id: string): string | null {
    if (this.tokens.has(id)) return id;
    const page = id.split('_')[0];
    if (this.pagePosts.get(page)?.some((p) => p.id === id)) return page;
    const container = this.containers.get(id);
    if (container) return container.igUser;
    for (const [igUser, media] of this.igMedia) if (media.some((m) => m.id === id)) return igUser;
    return null;
  }

  private createPost(pageId: string, params: URLSearchParams): Reply {
    const message = params.get('message');
    const link = params.get('link') ?? undefined;
    if (!message && !link) return graphError(400, 100, '(#100) Param message or link is required');
    const posts = this.pagePosts.get(pageId)!;
    if (posts.some((p) => p.message === message && p.link === link)) {
      return graphError(400, 506, 'Duplicate status message', { error_subcode: 1455006, error_user_title: 'Duplicate Post' });
    }
    const id = `${pageId}_${nextNumericId()}`;
    posts.push({ id, message: message ?? '', link, created_time: graphTime() });
    return { status: 200, body: { id } };
  }

  private async createPhoto(pageId: string, params: URLSearchParams): Promise<Reply> {
    const url = params.get('url');
    if (!url || !(await this.download(url))) return graphError(400, 324, '(#324) Requires upload file', { error_subcode: 2069019 });
    const photoId = nextNumericId();
    const id = `${pageId}_${photoId}`;
    this.pagePosts.get(pageId)!.push({ id, message: params.get('caption') ?? '', created_time: graphTime(), photoUrl: url });
    return { status: 200, body: { id: photoId, post_id: id } };
  }

  private listFeed(pageId: string, params: URLSearchParams): Reply {
    const since = Number(params.get('since') ?? 0) * 1000;
    const until = Number(params.get('until') ?? 9e12) * 1000;
    const fields = (params.get('fields') ?? 'id,message,created_time').split(',');
    const data = [...this.pagePosts.get(pageId)!]
      .reverse()
      .filter((p) => {
        const at = Date.parse(p.created_time.replace('+0000', 'Z'));
        return at >= since && at <= until;
      })
      .map((p) => pick({ ...p, permalink_url: permalink(p.id) }, fields));
    return { status: 200, body: { data, paging: { cursors: { before: 'QVFIU', after: 'QVFIUm' } } } };
  }

  private readObject(id: string, params: URLSearchParams): Reply {
    const fields = (params.get('fields') ?? 'id').split(',');
    const container = this.containers.get(id);
    if (container) {
      container.polls++;
      if (container.status === 'IN_PROGRESS' && container.polls > this.pollsUntilFinished) container.status = 'FINISHED';
      const status = { IN_PROGRESS: 'In Progress: Media is still being processed.', FINISHED: 'Finished: Media has been uploaded and it is ready to be published.', ERROR: 'Error: Media upload has failed with error code 2207026', EXPIRED: 'Expired: Media was not published within 24 hours', PUBLISHED: 'Published: Media has been published' }[container.status];
      return { status: 200, body: pick({ id, status_code: container.status, status }, fields) };
    }
    for (const media of this.igMedia.values()) {
      const found = media.find((m) => m.id === id);
      if (found) return { status: 200, body: pick(found, fields) };
    }
    return { status: 200, body: pick({ id, permalink_url: permalink(id) }, fields) };
  }

  private deletePost(id: string): Reply {
    const page = id.split('_')[0];
    const posts = this.pagePosts.get(page);
    const index = posts?.findIndex((p) => p.id === id) ?? -1;
    if (!posts || index < 0) return graphError(400, 100, `Unsupported delete request. Object with ID '${id}' does not exist`, { error_subcode: 33 });
    posts.splice(index, 1);
    return { status: 200, body: { success: true } };
  }

  private async createContainer(igUser: string, params: URLSearchParams): Promise<Reply> {
    const imageUrl = params.get('image_url');
    if (!imageUrl) return graphError(400, 100, 'The parameter image_url is required');
    if (!(await this.download(imageUrl))) {
      return graphError(400, 9004, 'Only photo or video can be accepted as media type.', {
        error_subcode: 2207052,
        is_transient: false,
        error_user_title: 'Media download has failed.',
        error_user_msg: `The media could not be fetched from this URI: ${imageUrl}. Please check the restrictions of the URI.`,
      });
    }
    const id = nextNumericId();
    const caption = params.get('caption') ?? '';
    const status = this.nextContainerEnds ?? 'IN_PROGRESS';
    this.nextContainerEnds = null;
    this.containers.set(id, { id, igUser, caption, imageUrl, polls: 0, status });
    // A container already PUBLISHED (say, by an earlier attempt) has its media live.
    if (status === 'PUBLISHED') this.addMedia(igUser, caption);
    return { status: 200, body: { id } };
  }

  private publishContainer(igUser: string, params: URLSearchParams): Reply {
    const container = this.containers.get(params.get('creation_id') ?? '');
    if (!container || container.igUser !== igUser) return graphError(400, 100, 'Invalid parameter', { error_subcode: 2207008 });
    const quota = this.quota.get(igUser)!;
    if (quota.usage >= quota.total) {
      return graphError(400, 9, 'Application request limit reached', { error_subcode: 2207042, error_user_title: 'Maximum number of posts reached' });
    }
    if (container.status !== 'FINISHED') {
      return graphError(400, 9007, 'Media ID is not available', { error_subcode: 2207027, error_user_msg: 'The media is not ready for publishing, please wait for a moment' });
    }
    container.status = 'PUBLISHED';
    container.mediaId = this.addMedia(igUser, container.caption);
    return { status: 200, body: { id: container.mediaId } };
  }

  private addMedia(igUser: string, caption: string): string {
    const mediaId = nextNumericId();
    this.quota.get(igUser)!.usage++;
    this.igMedia.get(igUser)!.push({ id: mediaId, caption, timestamp: graphTime(), permalink: `https://www.instagram.com/p/${mediaId.slice(-11)}/` });
    return mediaId;
  }

  /** Instagram (and Facebook for /photos) download the image themselves. */
  private async download(url: string): Promise<boolean> {
    try {
      const response = await fetch(url);
      const bytes = Buffer.from(await response.arrayBuffer());
      this.downloads.push({ url, status: response.status, bytes: bytes.length, contentType: response.headers.get('content-type') });
      return response.status === 200 && bytes.length > 0;
    } catch {
      this.downloads.push({ url, status: 0, bytes: 0, contentType: null });
      return false;
    }
  }
}

const permalink = (postId: string) => {
  const [page, post] = postId.split('_');
  return `https://www.facebook.com/${page}/posts/${post}`;
};

function pick(source: object, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (field in source) out[field] = (source as Record<string, unknown>)[field];
  return out;
}
