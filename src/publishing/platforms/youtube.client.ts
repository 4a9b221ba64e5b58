import { Inject, Injectable, Optional } from '@nestjs/common';
import { open, stat } from 'fs/promises';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { refreshIfDue, sendWithRefresh, TokenSession, withRefreshed } from './oauth-refresh';
import { lostOrNotSent, notCreated, refused, unknown } from './outcomes';
import {
  FindRecentQuery,
  FindRecentResult,
  PlatformClient,
  PlatformCredentialsInput,
  PublishOutcome,
  PublishRequest,
  RemoveOutcome,
  RemoveRequest,
} from './platform-client';
import { HttpRequest, HttpResult, isRecord, parseJson, PlatformHttp } from './platform-http';
import { DEFAULT_PLATFORM_TUNING, PLATFORM_TUNING, PlatformTuning } from './platform-tuning';
import { sameText, textWithLink, withinWindow } from './text-match';
import { mapYouTubeError } from './youtube-errors';

const QUANTUM = 256 * 1024;
/** Resumes (status query after a lost chunk, restart after a dead session) before giving up. */
const MAX_RECOVERIES = 3;

type Response = Extract<HttpResult, { kind: 'response' }>;

/** A YouTube channel through the Data API v3: one public video per post, by resumable upload. */
@Injectable()
export class YouTubeClient implements PlatformClient {
  readonly platform = 'youtube' as const;
  private readonly api: string;
  private readonly tokenUrl: string;
  private readonly chunkBytes: number;

  constructor(
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'platforms'>,
    private readonly http: PlatformHttp,
    private readonly clock: Clock,
    @Optional() @Inject(PLATFORM_TUNING) tuning?: Partial<PlatformTuning>,
  ) {
    this.api = config.platforms.youtubeApiUrl;
    this.tokenUrl = config.platforms.googleTokenUrl;
    const chunk = tuning?.youtubeChunkBytes ?? DEFAULT_PLATFORM_TUNING.youtubeChunkBytes;
    if (chunk < QUANTUM || chunk % QUANTUM !== 0) throw new Error('youtubeChunkBytes must be a multiple of 256 KiB');
    this.chunkBytes = chunk;
  }

  async publish({ credentials, post }: PublishRequest): Promise<PublishOutcome> {
    const video = post.media[0];
    if (post.media.length !== 1 || !video || !video.mimeType.startsWith('video/')) {
      return refused('REJECTED_BY_PLATFORM', 'A YouTube post needs exactly one video');
    }
    const title = (post.title ?? '').trim();
    const description = textWithLink(post.text, post.link);
    const problem = metadataProblem(title, description);
    if (problem) return refused('REJECTED_BY_PLATFORM', problem);

    const session = this.session(credentials);
    const early = await refreshIfDue(session);
    if (early) return withRefreshed(session, early);
    const metadata = JSON.stringify({
      snippet: { title, description },
      status: { privacyStatus: 'public', selfDeclaredMadeForKids: false },
    });
    return withRefreshed(session, await this.upload(session, metadata, video.path, video.mimeType));
  }

  async findRecent({ account, credentials, post, since, until }: FindRecentQuery): Promise<FindRecentResult> {
    const session = this.session(credentials);
    const failed = (message: string): FindRecentResult => withRefreshed(session, { kind: 'lookup_failed', message });
    const early = await refreshIfDue(session);
    if (early) return failed(early.message);

    const channel = await this.get(session, `/youtube/v3/channels?part=contentDetails&id=${encodeURIComponent(account.externalId)}`);
    if (channel.kind === 'failed') return failed(channel.message);
    const items = isRecord(channel.body) && Array.isArray(channel.body.items) ? channel.body.items : [];
    const details = isRecord(items[0]) && isRecord(items[0].contentDetails) ? items[0].contentDetails : null;
    const uploads = details && isRecord(details.relatedPlaylists) ? details.relatedPlaylists.uploads : null;
    if (typeof uploads !== 'string') return failed('YouTube did not say which playlist holds the channel uploads');

    const list = await this.get(session, `/youtube/v3/playlistItems?part=snippet&maxResults=50&playlistId=${encodeURIComponent(uploads)}`);
    if (list.kind === 'failed') return failed(list.message);
    const entries = isRecord(list.body) && Array.isArray(list.body.items) ? list.body.items : [];
    const description = textWithLink(post.text, post.link);
    for (const entry of entries) {
      const snippet = isRecord(entry) && isRecord(entry.snippet) ? entry.snippet : null;
      const videoId = snippet && isRecord(snippet.resourceId) ? snippet.resourceId.videoId : null;
      if (!snippet || typeof videoId !== 'string') continue;
      const at = typeof snippet.publishedAt === 'string' ? Date.parse(snippet.publishedAt) : null;
      if (!withinWindow(at, since, until)) continue;
      if (sameText(snippet.title, post.title ?? '') && sameText(snippet.description, description)) {
        return withRefreshed(session, { kind: 'found', externalId: videoId, url: watchUrl(videoId) });
      }
    }
    return withRefreshed(session, { kind: 'not_found' });
  }

  async remove({ credentials, externalId }: RemoveRequest): Promise<RemoveOutcome> {
    const session = this.session(credentials);
    const early = await refreshIfDue(session);
    if (early) return withRefreshed(session, early);
    const sent = await sendWithRefresh(session, (token) =>
      this.http.send(this.request(token, 'DELETE', `${this.api}/youtube/v3/videos?id=${encodeURIComponent(externalId)}`)),
    );
    if (sent.kind === 'refresh_failed') return withRefreshed(session, sent.outcome);
    const result = sent.result;
    if (result.kind !== 'response') return withRefreshed(session, lostOrNotSent(result, true, 'YouTube delete'));
    if (result.status === 204 || result.status === 200) return withRefreshed(session, { kind: 'removed' });
    if (result.status === 404) return withRefreshed(session, { kind: 'not_found' });
    return withRefreshed(session, this.error(result, true));
  }

  /**
   * Starts a resumable session and sends the file in chunks read from disk. The video exists only once
   * every byte arrived, so a failure before the last chunk leaves nothing behind; a dead session (404/410)
   * is started again.
   */
  private async upload(session: TokenSession, metadata: string, path: string, mimeType: string): Promise<PublishOutcome> {
    const total = (await stat(path)).size;
    const file = await open(path, 'r');
    try {
      let recoveries = 0;
      let sessionUrl: string | null = null;
      let offset = 0;
      while (true) {
        if (sessionUrl === null) {
          const started = await this.startSession(session, metadata, total, mimeType);
          if (started.kind !== 'started') return started;
          sessionUrl = started.url;
          offset = 0;
        }
        const end = Math.min(offset + this.chunkBytes, total);
        const chunk = Buffer.alloc(end - offset);
        await file.read(chunk, 0, chunk.length, offset);
        const last = end === total;
        const put = await this.putChunk(session, sessionUrl, chunk, offset, total, mimeType);
        if (put.kind === 'refresh_failed') return put.outcome;

        let result: Response;
        if (put.result.kind === 'response' && put.result.status < 500) {
          result = put.result;
        } else {
          // Ask the session how much it holds; the answer also tells whether the final chunk completed the video.
          if (recoveries++ >= MAX_RECOVERIES) return this.interrupted(put.result, last);
          const query = await this.putChunk(session, sessionUrl, Buffer.alloc(0), null, total, mimeType);
          if (query.kind === 'refresh_failed') return query.outcome;
          if (query.result.kind !== 'response' || query.result.status >= 500) return this.interrupted(put.result, last);
          result = query.result;
        }

        const status = result.status;
        if (status === 200 || status === 201) return this.finished(result.text);
        if (status === 308) {
          offset = rangeEnd(result.headers.get('range'));
          continue;
        }
        if (status === 404 || status === 410) {
          if (recoveries++ >= MAX_RECOVERIES) return notCreated('The YouTube upload session kept expiring');
          sessionUrl = null;
          continue;
        }
        return this.error(result, last);
      }
    } finally {
      await file.close();
    }
  }

  private async startSession(
    session: TokenSession,
    metadata: string,
    total: number,
    mimeType: string,
  ): Promise<{ kind: 'started'; url: string } | PublishOutcome> {
    const url = `${this.api}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`;
    const sent = await sendWithRefresh(session, (token) =>
      this.http.send({
        ...this.request(token, 'POST', url),
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json; charset=UTF-8',
          'X-Upload-Content-Length': String(total),
          'X-Upload-Content-Type': mimeType,
        },
        body: metadata,
      }),
    );
    if (sent.kind === 'refresh_failed') return sent.outcome;
    const result = sent.result;
    if (result.kind !== 'response') return lostOrNotSent(result, false, 'YouTube upload session');
    if (result.status !== 200) return this.error(result, false);
    const location = result.headers.get('location');
    if (!location) return notCreated('YouTube answered without an upload session URL');
    return { kind: 'started', url: new URL(location, url).toString() };
  }

  /** `offset` null asks for the session's status (`Content-Range: bytes *\/total`, empty body). */
  private putChunk(session: TokenSession, url: string, chunk: Buffer, offset: number | null, total: number, mimeType: string) {
    const range = offset === null ? `bytes */${total}` : `bytes ${offset}-${offset + chunk.length - 1}/${total}`;
    return sendWithRefresh(session, (token) =>
      this.http.send({
        method: 'PUT',
        url,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': mimeType, 'Content-Range': range },
        body: chunk,
        timeoutMs: this.http.uploadTimeoutMs(chunk.length),
      }),
    );
  }

  private finished(text: string): PublishOutcome {
    const body = parseJson(text);
    const id = isRecord(body) ? body.id : null;
    if (typeof id !== 'string') return unknown('YouTube finished the upload without a video id; the video may exist');
    return { kind: 'published', externalId: id, url: watchUrl(id) };
  }

  /** Only the last chunk can complete (create) the video. */
  private interrupted(result: HttpResult, last: boolean): PublishOutcome {
    if (result.kind === 'response') return this.error(result, last);
    return lostOrNotSent(result, last, 'YouTube upload');
  }

  private async get(session: TokenSession, path: string): Promise<{ kind: 'ok'; body: unknown } | { kind: 'failed'; message: string }> {
    const sent = await sendWithRefresh(session, (token) => this.http.send(this.request(token, 'GET', `${this.api}${path}`)));
    if (sent.kind === 'refresh_failed') return { kind: 'failed', message: sent.outcome.message };
    const result = sent.result;
    if (result.kind !== 'response') return { kind: 'failed', message: result.message };
    if (result.status !== 200) return { kind: 'failed', message: this.error(result, false).message };
    return { kind: 'ok', body: parseJson(result.text) };
  }

  private session(credentials: PlatformCredentialsInput): TokenSession {
    return new TokenSession(this.http, this.clock, this.tokenUrl, credentials, 'Google');
  }

  private request(token: string, method: HttpRequest['method'], url: string): HttpRequest {
    return { method, url, headers: { Authorization: `Bearer ${token}` } };
  }

  private error(result: Response, creating: boolean) {
    return mapYouTubeError(result, { creating, nowMs: this.clock.now().getTime() });
  }
}

/** `Range: bytes=0-N` means bytes 0..N arrived; no header means none did. */
function rangeEnd(range: string | null): number {
  const match = range ? /bytes=0-(\d+)/.exec(range) : null;
  return match ? Number(match[1]) + 1 : 0;
}

function metadataProblem(title: string, description: string): string | null {
  if (title === '') return 'A YouTube video needs a title';
  if (title.length > 100) return 'A YouTube title is at most 100 characters';
  if (Buffer.byteLength(description, 'utf8') > 5000) return 'A YouTube description is at most 5,000 bytes';
  if (/[<>]/.test(title) || /[<>]/.test(description)) return 'YouTube titles and descriptions may not contain < or >';
  return null;
}

const watchUrl = (id: string) => `https://www.youtube.com/watch?v=${id}`;
