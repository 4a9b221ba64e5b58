import { randomBytes } from 'crypto';
import { EmulatorServer, RecordedRequest, Reply } from './emulator-server';

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
  readonly refreshTokens = new Map<string, { clientId: string; clientSecret: string; channelId: string }>();
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

  protected handle(r: RecordedRequest): Reply {
    if (r.method === 'POST' && r.path === '/token') return this.token(r);
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
    return { status: 200, body: { access_token: accessToken, expires_in: 3599, scope: 'https://www.googleapis.com/auth/youtube.upload', token_type: 'Bearer' } };
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
