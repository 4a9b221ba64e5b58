import { randomBytes } from 'crypto';
import { EmulatorServer, RecordedRequest, Reply } from './emulator-server';
import { OAuthDesk } from './oauth-desk';

/** Google's API error body. */
export function googleError(status: number, reason: string, message: string, domain = 'youtube.video'): Reply {
  return {
    status,
    body: { error: { code: status, message, errors: [{ message, domain, reason }], ...(status === 401 ? { status: 'UNAUTHENTICATED' } : {}) } },
  };
}

const AUTH_ERROR = googleError(
  401,
  'authError',
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  'global',
);

interface UploadSession { id: string; channelId: string; total: number; mimeType: string; metadata: any; received: Buffer[]; size: number; done?: Reply }
interface Video { id: string; channelId: string; title: string; description: string; publishedAt: string; privacyStatus: string; madeForKids: boolean; bytes: Buffer }

const videoId = () => randomBytes(8).toString('base64url').slice(0, 11);

/**
 * The YouTube Data API v3 (resumable uploads, videos, channels, playlistItems) and Google's OAuth token
 * endpoint (`/token`) on one loopback server.
 */
export class YouTubeEmulator extends EmulatorServer {
  /** access token -> channel id. */
  readonly tokens = new Map<string, string>();
  readonly refreshTokens = new Map<string, { clientId: string; clientSecret: string; channelId: string; userId?: string }>();
  /** Google OAuth 2.0 for web server apps: the client, the consent page (with PKCE) and its codes. */
  readonly login = new OAuthDesk();
  /** Google account -> its YouTube channels. */
  readonly users = new Map<string, { id: string; title: string }[]>();
  /** access token -> Google account and client, for channels?mine=true and tokeninfo. */
  readonly issuedTo = new Map<string, { userId: string; clientId: string; scope: string; expiresAt: number }>();
  /** Accounts that already consented once: without prompt=consent Google sends no new refresh token. */
  readonly consentedBefore = new Set<string>();
  /** Google withholds the refresh token (as for an account whose offline grant was already used up). */
  withholdRefreshToken = false;
  readonly sessions = new Map<string, UploadSession>();
  readonly videos: Video[] = [];
  /** The next chunk is only partly kept (this many bytes), as a server may do; the 308 Range says so. */
  keepOnlyOfNextChunk: number | null = null;
  private issued = 0;

  protected rateLimitBody() {
    return googleError(429, 'rateLimitExceeded', 'The request cannot be completed because you have exceeded your quota.', 'youtube.quota').body;
  }

  protected serverErrorBody() {
    return { error: { code: 500, message: 'Backend Error', errors: [{ message: 'Backend Error', domain: 'global', reason: 'backendError' }] } };
  }

  /** Forget an upload session, as Google does when one expires. */
  expireSessions(): void {
    this.sessions.clear();
  }

  addUser(userId: string, channels: { id: string; title: string }[]): void {
    this.users.set(userId, channels);
  }

  /** The person revoked Gatehouse's access in their Google account: access and refresh tokens die. */
  revokeUser(userId: string): void {
    for (const [token, grant] of this.issuedTo) {
      if (grant.userId !== userId) continue;
      this.issuedTo.delete(token);
      this.tokens.delete(token);
    }
    for (const [refresh, grant] of this.refreshTokens) if (grant.userId === userId) this.refreshTokens.delete(refresh);
  }

  /** Access tokens last about an hour: this ends them all, leaving refresh tokens working. */
  expireAccessTokens(): void {
    for (const token of this.issuedTo.keys()) this.tokens.delete(token);
  }

  protected handle(r: RecordedRequest): Reply {
    if (r.method === 'GET' && r.path === '/o/oauth2/v2/auth') return this.login.consent(r, { requirePkce: false });
    if (r.method === 'POST' && r.path === '/token' && r.form.get('grant_type') === 'authorization_code') return this.exchangeCode(r.form);
    if (r.method === 'GET' && r.path === '/tokeninfo') return this.tokeninfo(r.query);
    if (r.method === 'POST' && r.path === '/token') return this.token(r);
    if (r.method === 'GET' && r.path === '/youtube/v3/channels' && r.query.get('mine') === 'true') return this.myChannels(r);
    const channelId = this.tokens.get((r.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!channelId) return AUTH_ERROR;

    if (r.path === '/upload/youtube/v3/videos') {
      if (r.method === 'POST' && r.query.get('uploadType') === 'resumable') return this.startSession(r, channelId);
      if (r.method === 'PUT' && r.query.get('upload_id')) return this.receive(r);
    }
    if (r.method === 'DELETE' && r.path === '/youtube/v3/videos') return this.deleteVideo(r.query.get('id') ?? '', channelId);
    if (r.method === 'GET' && r.path === '/youtube/v3/channels') return this.channels(r.query.get('id') ?? '');
    if (r.method === 'GET' && r.path === '/youtube/v3/playlistItems') return this.playlistItems(r.query.get('playlistId') ?? '');
    return googleError(404, 'notFound', 'Not Found', 'global');
  }

  private token(r: RecordedRequest): Reply {
    const f = r.form;
    const grant = this.refreshTokens.get(f.get('refresh_token') ?? '');
    if (!grant || f.get('grant_type') !== 'refresh_token') return { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
    if (grant.clientId !== f.get('client_id') || grant.clientSecret !== f.get('client_secret')) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'Unauthorized' } };
    }
    const accessToken = `ya29.refreshed-${++this.issued}`;
    this.tokens.set(accessToken, grant.channelId);
    if (grant.userId) this.issuedTo.set(accessToken, { userId: grant.userId, clientId: grant.clientId, scope: 'https://www.googleapis.com/auth/youtube.upload', expiresAt: Date.now() + 3_599_000 });
    return { status: 200, body: { access_token: accessToken, expires_in: 3599, scope: 'https://www.googleapis.com/auth/youtube.upload', token_type: 'Bearer' } };
  }

  private exchangeCode(form: URLSearchParams): Reply {
    const redemption = this.login.redeem(form);
    switch (redemption.kind) {
      case 'bad_client':
        return { status: 401, body: { error: 'invalid_client', error_description: 'Unauthorized' } };
      case 'redirect_mismatch':
        return { status: 400, body: { error: 'redirect_uri_mismatch', error_description: 'Bad Request' } };
      case 'verifier_missing':
        return { status: 400, body: { error: 'invalid_grant', error_description: 'Missing code verifier.' } };
      case 'verifier_mismatch':
        return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid code verifier.' } };
      case 'ok':
        break;
      default:
        return { status: 400, body: { error: 'invalid_grant', error_description: 'Malformed auth code.' } };
    }
    const { userId, clientId, scope, consent } = redemption.code;
    const channels = this.users.get(userId) ?? [];
    const accessToken = `ya29.${userId}-${++this.issued}`;
    if (channels[0]) this.tokens.set(accessToken, channels[0].id);
    this.issuedTo.set(accessToken, { userId, clientId, scope, expiresAt: Date.now() + 3_599_000 });
    const body: Record<string, unknown> = { access_token: accessToken, expires_in: 3599, scope, token_type: 'Bearer' };
    // A refresh token only for offline access, and again only when the consent screen was shown anew.
    const offline = consent.get('access_type') === 'offline' && (consent.get('prompt') === 'consent' || !this.consentedBefore.has(userId));
    this.consentedBefore.add(userId);
    if (offline && !this.withholdRefreshToken) {
      const refreshToken = `1//${userId}-${this.issued}`;
      this.refreshTokens.set(refreshToken, { clientId, clientSecret: this.login.apps.get(clientId)!.clientSecret, channelId: channels[0]?.id ?? '', userId });
      body.refresh_token = refreshToken;
    }
    return { status: 200, body };
  }

  private tokeninfo(q: URLSearchParams): Reply {
    const token = q.get('access_token') ?? '';
    const grant = this.issuedTo.get(token);
    if (!grant || !this.tokens.has(token) || grant.expiresAt <= Date.now()) return { status: 400, body: { error: 'invalid_token', error_description: 'Invalid Value' } };
    const expiresIn = Math.floor((grant.expiresAt - Date.now()) / 1000);
    return { status: 200, body: { azp: grant.clientId, aud: grant.clientId, sub: grant.userId, scope: grant.scope, exp: String(Math.floor(grant.expiresAt / 1000)), expires_in: String(expiresIn), access_type: 'offline' } };
  }

  private myChannels(r: RecordedRequest): Reply {
    const token = (r.headers.authorization ?? '').replace(/^Bearer /, '');
    const grant = this.issuedTo.get(token);
    if (!grant || grant.expiresAt <= Date.now()) return AUTH_ERROR;
    const channels = this.users.get(grant.userId) ?? [];
    return {
      status: 200,
      body: {
        kind: 'youtube#channelListResponse',
        pageInfo: { totalResults: channels.length, resultsPerPage: 5 },
        items: channels.map((c) => ({ kind: 'youtube#channel', id: c.id, snippet: { title: c.title, description: '', customUrl: `@${c.title.toLowerCase().replace(/[^a-z0-9]+/g, '')}` } })),
      },
    };
  }

  private startSession(r: RecordedRequest, channelId: string): Reply {
    const total = Number(r.headers['x-upload-content-length']);
    const mimeType = r.headers['x-upload-content-type'];
    if (!Number.isInteger(total) || total <= 0 || typeof mimeType !== 'string') return googleError(400, 'invalidArgument', 'Invalid upload request headers', 'global');
    if (!/\bsnippet\b/.test(r.query.get('part') ?? '') || !r.json?.snippet?.title) return googleError(400, 'invalidTitle', 'The request metadata specifies an invalid or empty video title.');
    const id = randomBytes(12).toString('base64url');
    this.sessions.set(id, { id, channelId, total, mimeType, metadata: r.json, received: [], size: 0 });
    return { status: 200, headers: { Location: `${this.url}/upload/youtube/v3/videos?uploadType=resumable&part=${r.query.get('part')}&upload_id=${id}` } };
  }

  private receive(r: RecordedRequest): Reply {
    const session = this.sessions.get(r.query.get('upload_id')!);
    if (!session) return { status: 404, body: 'Not Found' };
    // A completed session answers with the video it made, never a second one.
    if (session.done) return session.done;
    const range = String(r.headers['content-range'] ?? '');
    const status = /^bytes \*\/(\d+)$/.exec(range);
    const chunk = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
    if (!status) {
      if (!chunk) return googleError(400, 'badContent', 'Content-Range is missing or invalid', 'global');
      const [start, end, total] = chunk.slice(1).map(Number);
      if (total !== session.total || start !== session.size || end - start + 1 !== r.body.length) {
        return googleError(400, 'badContent', `Unexpected range ${range}; have ${session.size} of ${session.total}`, 'global');
      }
      const keep = this.keepOnlyOfNextChunk === null ? r.body.length : Math.min(this.keepOnlyOfNextChunk, r.body.length);
      this.keepOnlyOfNextChunk = null;
      session.received.push(r.body.subarray(0, keep));
      session.size += keep;
    }
    if (session.size < session.total) {
      return { status: 308, headers: session.size > 0 ? { Range: `bytes=0-${session.size - 1}` } : {} };
    }
    return this.finish(session);
  }

  private finish(session: UploadSession): Reply {
    const snippet = session.metadata.snippet;
    const status = session.metadata.status ?? {};
    const video: Video = {
      id: videoId(),
      channelId: session.channelId,
      title: snippet.title,
      description: snippet.description ?? '',
      publishedAt: new Date().toISOString(),
      privacyStatus: status.privacyStatus ?? 'private',
      madeForKids: status.selfDeclaredMadeForKids ?? false,
      bytes: Buffer.concat(session.received),
    };
    this.videos.push(video);
    session.done = {
      status: 200,
      body: {
        kind: 'youtube#video',
        etag: randomBytes(6).toString('base64url'),
        id: video.id,
        snippet: { publishedAt: video.publishedAt, channelId: video.channelId, title: video.title, description: video.description, categoryId: '22' },
        status: { uploadStatus: 'uploaded', privacyStatus: video.privacyStatus, license: 'youtube', embeddable: true, publicStatsViewable: true, selfDeclaredMadeForKids: video.madeForKids },
      },
    };
    return session.done;
  }

  private deleteVideo(id: string, channelId: string): Reply {
    const index = this.videos.findIndex((v) => v.id === id);
    if (index < 0) return googleError(404, 'videoNotFound', 'The video that you are trying to delete cannot be found.');
    if (this.videos[index].channelId !== channelId) return googleError(403, 'forbidden', 'The video that you are trying to delete cannot be deleted.');
    this.videos.splice(index, 1);
    return { status: 204 };
  }

  private channels(id: string): Reply {
    return {
      status: 200,
      body: {
        kind: 'youtube#channelListResponse',
        pageInfo: { totalResults: 1, resultsPerPage: 5 },
        items: [{ kind: 'youtube#channel', id, contentDetails: { relatedPlaylists: { likes: '', uploads: `UU${id.slice(2)}` } } }],
      },
    };
  }

  private playlistItems(playlistId: string): Reply {
    const items = this.videos
      .filter((v) => `UU${v.channelId.slice(2)}` === playlistId)
      .reverse()
      .map((v) => ({
        kind: 'youtube#playlistItem',
        id: randomBytes(9).toString('base64url'),
        snippet: { publishedAt: v.publishedAt, channelId: v.channelId, title: v.title, description: v.description, playlistId, resourceId: { kind: 'youtube#video', videoId: v.id } },
      }));
    return { status: 200, body: { kind: 'youtube#playlistItemListResponse', pageInfo: { totalResults: items.length, resultsPerPage: 50 }, items } };
  }
}
