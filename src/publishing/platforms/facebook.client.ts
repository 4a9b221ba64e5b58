import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { GraphApi, parseGraphTime } from './graph-api';
import { mapGraphError, readGraphError } from './graph-errors';
import { lostOrNotSent, refused, unknown } from './outcomes';
import { FindRecentQuery, FindRecentResult, PlatformClient, PublishOutcome, PublishRequest, RemoveOutcome, RemoveRequest } from './platform-client';
import { isRecord, parseJson, PlatformHttp } from './platform-http';
import { CLOCK_SKEW_MS, sameText, textWithLink, withinWindow } from './text-match';

const LABEL = 'Facebook';

/** A Facebook Page through the Graph API: text or link posts on the feed, one image through /photos. */
@Injectable()
export class FacebookClient implements PlatformClient {
  readonly platform = 'facebook' as const;
  private readonly graph: GraphApi;

  constructor(
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'platforms'>,
    http: PlatformHttp,
    private readonly clock: Clock,
  ) {
    this.graph = new GraphApi(http, config);
  }

  async publish({ account, credentials, post }: PublishRequest): Promise<PublishOutcome> {
    const token = credentials.accessToken;
    if (post.media.length > 1 || post.media.some((m) => !m.mimeType.startsWith('image/'))) {
      return refused('REJECTED_BY_PLATFORM', 'Facebook posts from Gatehouse carry text, a link, or a single image');
    }
    const image = post.media[0];
    const result = image
      ? await this.graph.post(`${account.externalId}/photos`, { url: image.publicUrl, caption: textWithLink(post.text, post.link) }, token)
      : await this.graph.post(`${account.externalId}/feed`, { message: post.text, ...(post.link ? { link: post.link } : {}) }, token);
    if (result.kind !== 'response') return lostOrNotSent(result, true, 'Facebook post');
    if (result.status !== 200) return mapGraphError(result, { creating: true, nowMs: this.clock.now().getTime(), label: LABEL });

    const body = parseJson(result.text);
    // /photos answers the photo id and the feed post id; the post is what a takedown deletes.
    const id = isRecord(body) ? (body.post_id ?? body.id) : undefined;
    if (typeof id !== 'string') return unknown('Facebook answered 200 without a post id; the post may exist');
    return { kind: 'published', externalId: id, url: await this.permalink(id, token) };
  }

  async findRecent({ account, credentials, post, since, until }: FindRecentQuery): Promise<FindRecentResult> {
    const result = await this.graph.get(
      `${account.externalId}/feed`,
      {
        fields: 'id,message,created_time,permalink_url',
        since: String(Math.floor((Date.parse(since) - CLOCK_SKEW_MS) / 1000)),
        until: String(Math.ceil((Date.parse(until) + CLOCK_SKEW_MS) / 1000)),
        limit: '50',
      },
      credentials.accessToken,
    );
    if (result.kind !== 'response') return { kind: 'lookup_failed', message: result.message };
    if (result.status !== 200) {
      return { kind: 'lookup_failed', message: mapGraphError(result, { creating: false, nowMs: this.clock.now().getTime(), label: LABEL }).message };
    }
    const body = parseJson(result.text);
    const data = isRecord(body) && Array.isArray(body.data) ? body.data : [];
    const expected = [post.text, textWithLink(post.text, post.link)];
    for (const item of data) {
      if (!isRecord(item) || typeof item.id !== 'string') continue;
      if (!withinWindow(parseGraphTime(item.created_time), since, until)) continue;
      if (!expected.some((text) => sameText(item.message, text))) continue;
      const url = typeof item.permalink_url === 'string' ? item.permalink_url : fallbackUrl(item.id);
      return { kind: 'found', externalId: item.id, url };
    }
    return { kind: 'not_found' };
  }

  async remove({ credentials, externalId }: RemoveRequest): Promise<RemoveOutcome> {
    const result = await this.graph.delete(externalId, credentials.accessToken);
    if (result.kind !== 'response') return lostOrNotSent(result, true, 'Facebook delete');
    if (result.status === 200) return { kind: 'removed' };
    // "Unsupported delete request. Object with ID ... does not exist": code 100, subcode 33.
    const error = readGraphError(result.text);
    if (error?.code === 100 && error.subcode === 33) return { kind: 'not_found' };
    return mapGraphError(result, { creating: true, nowMs: this.clock.now().getTime(), label: LABEL });
  }

  /** The post exists whatever happens here; a failed lookup falls back to the id-based address. */
  private async permalink(id: string, token: string): Promise<string> {
    const result = await this.graph.get(id, { fields: 'permalink_url' }, token);
    if (result.kind === 'response' && result.status === 200) {
      const body = parseJson(result.text);
      if (isRecord(body) && typeof body.permalink_url === 'string') return body.permalink_url;
    }
    return fallbackUrl(id);
  }
}

const fallbackUrl = (id: string) => `https://www.facebook.com/${id}`;
