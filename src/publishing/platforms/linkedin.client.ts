import { Inject, Injectable } from '@nestjs/common';
import { readFile } from 'fs/promises';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { escapeLinkedInCommentary } from './linkedin-text';
import { refreshIfDue, sendWithRefresh, TokenSession, withRefreshed } from './oauth-refresh';
import { lostOrNotSent, notCreated, rateLimited, refused, serverError, unknown } from './outcomes';
import {
  FindRecentQuery,
  FindRecentResult,
  NotCreatedRetryable,
  PlatformClient,
  PlatformCredentialsInput,
  PublishOutcome,
  PublishRequest,
  RateLimited,
  Refused,
  RemoveOutcome,
  RemoveRequest,
  Unknown,
} from './platform-client';
import { HttpRequest, HttpResult, isRecord, parseJson, PlatformHttp } from './platform-http';
import { retryAfterFromHeaders } from './retry-after';
import { sameText, withinWindow } from './text-match';

type Response = Extract<HttpResult, { kind: 'response' }>;

/** A LinkedIn organisation page through the versioned Posts API (`/rest/posts`). */
@Injectable()
export class LinkedInClient implements PlatformClient {
  readonly platform = 'linkedin' as const;
  private readonly base: string;
  private readonly version: string;
  private readonly tokenUrl: string;

  constructor(
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'platforms'>,
    private readonly http: PlatformHttp,
    private readonly clock: Clock,
  ) {
    this.base = `${config.platforms.linkedinApiUrl}/rest`;
    this.version = config.platforms.linkedinVersion;
    this.tokenUrl = config.platforms.linkedinTokenUrl;
  }

  async publish({ account, credentials, post }: PublishRequest): Promise<PublishOutcome> {
    const session = this.session(credentials);
    return withRefreshed(session, await this.publishWith(session, account.externalId, post));
  }

  async findRecent({ account, credentials, post, since, until }: FindRecentQuery): Promise<FindRecentResult> {
    const session = this.session(credentials);
    const early = await refreshIfDue(session);
    if (early) return withRefreshed(session, { kind: 'lookup_failed', message: early.message });
    const query = `q=author&author=${encodeURIComponent(organisationUrn(account.externalId))}&count=50&sortBy=CREATED`;
    const sent = await sendWithRefresh(session, (token) =>
      this.http.send(this.request(token, 'GET', `/posts?${query}`, undefined, { 'X-RestLi-Method': 'FINDER' })),
    );
    if (sent.kind === 'refresh_failed') return withRefreshed(session, { kind: 'lookup_failed', message: sent.outcome.message });
    const result = sent.result;
    if (result.kind !== 'response') return withRefreshed(session, { kind: 'lookup_failed', message: result.message });
    if (result.status !== 200) return withRefreshed(session, { kind: 'lookup_failed', message: this.error(result, false).message });
    const body = parseJson(result.text);
    const elements = isRecord(body) && Array.isArray(body.elements) ? body.elements.filter(isRecord) : [];
    const texts = [escapeLinkedInCommentary(post.text), post.text];
    const match = elements.find(
      (e) => typeof e.id === 'string' && withinWindow(typeof e.createdAt === 'number' ? e.createdAt : null, since, until)
        && texts.some((t) => sameText(e.commentary, t)),
    );
    const found: FindRecentResult = match ? { kind: 'found', externalId: match.id as string, url: postUrl(match.id as string) } : { kind: 'not_found' };
    return withRefreshed(session, found);
  }

  async remove({ credentials, externalId }: RemoveRequest): Promise<RemoveOutcome> {
    const session = this.session(credentials);
    const early = await refreshIfDue(session);
    if (early) return withRefreshed(session, early);
    const sent = await sendWithRefresh(session, (token) =>
      this.http.send(this.request(token, 'DELETE', `/posts/${encodeURIComponent(externalId)}`, undefined, { 'X-RestLi-Method': 'DELETE' })),
    );
    if (sent.kind === 'refresh_failed') return withRefreshed(session, sent.outcome);
    const result = sent.result;
    if (result.kind !== 'response') return withRefreshed(session, lostOrNotSent(result, true, 'LinkedIn delete'));
    if (result.status === 204 || result.status === 200) return withRefreshed(session, { kind: 'removed' });
    if (result.status === 404) return withRefreshed(session, { kind: 'not_found' });
    return withRefreshed(session, this.error(result, true));
  }

  private async publishWith(session: TokenSession, organisationId: string, post: PublishRequest['post']): Promise<PublishOutcome> {
    const early = await refreshIfDue(session);
    if (early) return early;
    const author = organisationUrn(organisationId);
    if (post.media.length > 1 || post.media.some((m) => !m.mimeType.startsWith('image/'))) {
      return refused('REJECTED_BY_PLATFORM', 'LinkedIn posts from Gatehouse carry text, a link, or a single image');
    }

    let content: Record<string, unknown> | undefined;
    if (post.media[0]) {
      const image = await this.uploadImage(session, author, post.media[0].path, post.media[0].mimeType);
      if (image.kind !== 'uploaded') return image;
      content = { media: { id: image.urn, ...(post.title ? { title: post.title } : {}) } };
    } else if (post.link) {
      content = { article: { source: post.link, title: post.title || post.link } };
    }

    const body = JSON.stringify({
      author,
      commentary: escapeLinkedInCommentary(post.text),
      visibility: 'PUBLIC',
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      ...(content ? { content } : {}),
      lifecycleState: 'PUBLISHED',
      isReshareDisabledByAuthor: false,
    });
    const sent = await sendWithRefresh(session, (token) => this.http.send(this.request(token, 'POST', '/posts', body)));
    if (sent.kind === 'refresh_failed') return sent.outcome;
    const result = sent.result;
    if (result.kind !== 'response') return lostOrNotSent(result, true, 'LinkedIn post');
    if (result.status !== 201) return this.error(result, true);
    const urn = result.headers.get('x-restli-id');
    if (!urn) return unknown('LinkedIn answered 201 without x-restli-id; the post exists but its id is unknown');
    return { kind: 'published', externalId: urn, url: postUrl(urn) };
  }

  /** initializeUpload, then PUT the bytes; nothing is posted until /rest/posts, so failures here are retryable. */
  private async uploadImage(
    session: TokenSession,
    owner: string,
    path: string,
    mimeType: string,
  ): Promise<{ kind: 'uploaded'; urn: string } | Refused | RateLimited | Unknown | NotCreatedRetryable> {
    const init = JSON.stringify({ initializeUploadRequest: { owner } });
    const sent = await sendWithRefresh(session, (token) => this.http.send(this.request(token, 'POST', '/images?action=initializeUpload', init)));
    if (sent.kind === 'refresh_failed') return sent.outcome;
    const result = sent.result;
    if (result.kind !== 'response') return lostOrNotSent(result, false, 'LinkedIn image upload');
    if (result.status !== 200) return this.error(result, false);
    const value = parseJson(result.text);
    const v = isRecord(value) && isRecord(value.value) ? value.value : null;
    if (!v || typeof v.uploadUrl !== 'string' || typeof v.image !== 'string') return notCreated('LinkedIn answered initializeUpload without an upload URL');

    const bytes = await readFile(path);
    const put = await this.http.send({
      method: 'PUT',
      url: v.uploadUrl,
      headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': mimeType },
      body: bytes,
      timeoutMs: this.http.uploadTimeoutMs(bytes.length),
    });
    if (put.kind !== 'response') return lostOrNotSent(put, false, 'LinkedIn image upload');
    if (put.status < 200 || put.status >= 300) return this.error(put, false);
    return { kind: 'uploaded', urn: v.image };
  }

  private session(credentials: PlatformCredentialsInput): TokenSession {
    return new TokenSession(this.http, this.clock, this.tokenUrl, credentials, 'LinkedIn');
  }

  private request(token: string, method: HttpRequest['method'], path: string, body?: string, extra: Record<string, string> = {}): HttpRequest {
    return {
      method,
      url: `${this.base}${path}`,
      headers: {
        Authorization: `Bearer ${token}`,
        'LinkedIn-Version': this.version,
        'X-Restli-Protocol-Version': '2.0.0',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...extra,
      },
      body,
    };
  }

  /** `{"status", "serviceErrorCode", "code", "message"}` to an outcome. */
  private error(response: Response, creating: boolean): Refused | RateLimited | Unknown | NotCreatedRetryable {
    const body = parseJson(response.text);
    const code = isRecord(body) && typeof body.code === 'string' ? body.code : null;
    const service = isRecord(body) && typeof body.serviceErrorCode === 'number' ? body.serviceErrorCode : null;
    const detail = isRecord(body) && typeof body.message === 'string' ? body.message : `HTTP ${response.status}`;
    const describe = `LinkedIn ${response.status}${code ? ` ${code}` : ''}${service !== null ? ` (${service})` : ''}: ${detail}`;
    const status = response.status;
    if (status >= 500) return serverError(status, creating, describe);
    if (status === 429) return rateLimited(retryAfterFromHeaders(response.headers, this.clock.now().getTime()), describe);
    if (status === 401) return refused('CREDENTIALS_INVALID', describe);
    if (status === 403) return refused('PERMISSION_DENIED', describe);
    if (status === 422 && (code === 'DUPLICATE_POST' || /duplicate/i.test(detail))) return refused('DUPLICATE', describe);
    if (status === 426) {
      return refused('REJECTED_BY_PLATFORM', `LinkedIn no longer accepts API version ${this.version}; set GATEHOUSE_LINKEDIN_VERSION to a current YYYYMM (${describe})`);
    }
    return refused('REJECTED_BY_PLATFORM', describe);
  }
}

const organisationUrn = (id: string) => `urn:li:organization:${id}`;
const postUrl = (urn: string) => `https://www.linkedin.com/feed/update/${urn}`;
