import { Inject, Injectable, Optional } from '@nestjs/common';
import { setTimeout as sleep } from 'timers/promises';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { GraphApi, parseGraphTime } from './graph-api';
import { mapGraphError } from './graph-errors';
import { lostOrNotSent, notCreated, rateLimited, refused, unknown } from './outcomes';
import {
  FindRecentQuery,
  FindRecentResult,
  PlatformClient,
  PublishOutcome,
  PublishRequest,
  RemoveOutcome,
} from './platform-client';
import { HttpResult, isRecord, parseJson, PlatformHttp } from './platform-http';
import { DEFAULT_PLATFORM_TUNING, PLATFORM_TUNING, PlatformTuning } from './platform-tuning';
import { sameText, textWithLink, withinWindow } from './text-match';

const LABEL = 'Instagram';

/**
 * An Instagram professional account: a media container made from the signed image URL (Instagram
 * downloads it), polled until FINISHED, then published. Only `media_publish` can make a post live, so
 * every failure before it is safe to retry.
 */
@Injectable()
export class InstagramClient implements PlatformClient {
  readonly platform = 'instagram' as const;
  private readonly graph: GraphApi;
  private readonly tuning: PlatformTuning;

  constructor(
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'platforms'>,
    http: PlatformHttp,
    private readonly clock: Clock,
    @Optional() @Inject(PLATFORM_TUNING) tuning?: Partial<PlatformTuning>,
  ) {
    this.graph = new GraphApi(http, config);
    this.tuning = { ...DEFAULT_PLATFORM_TUNING, ...tuning };
  }

  async publish({ account, credentials, post }: PublishRequest): Promise<PublishOutcome> {
    const token = credentials.accessToken;
    const igUser = account.externalId;
    const image = post.media[0];
    if (post.media.length !== 1 || !image || image.mimeType !== 'image/jpeg') {
      return refused('REJECTED_BY_PLATFORM', 'Instagram posts from Gatehouse need exactly one JPEG image');
    }
    const caption = textWithLink(post.text, post.link);

    const quota = await this.graph.get(`${igUser}/content_publishing_limit`, { fields: 'quota_usage,config' }, token);
    if (quota.kind !== 'response') return lostOrNotSent(quota, false, 'Instagram quota check');
    if (quota.status !== 200) return this.error(quota, false);
    const full = quotaReached(quota.text);
    if (full) return rateLimited(null, `Instagram publishing quota reached (${full})`);

    const container = await this.graph.post(`${igUser}/media`, { image_url: image.publicUrl, caption }, token);
    if (container.kind !== 'response') return lostOrNotSent(container, false, 'Instagram media container');
    if (container.status !== 200) return this.error(container, false);
    const containerId = idOf(container.text);
    if (containerId === null) return notCreated('Instagram answered without a container id');

    const status = await this.waitForContainer(containerId, token);
    if (status.kind !== 'ready') {
      if (status.kind === 'already_published') return this.findPublished(igUser, token, caption);
      return status.outcome;
    }

    const published = await this.graph.post(`${igUser}/media_publish`, { creation_id: containerId }, token);
    if (published.kind !== 'response') return lostOrNotSent(published, true, 'Instagram media_publish');
    if (published.status !== 200) return this.error(published, true);
    const mediaId = idOf(published.text);
    if (mediaId === null) return unknown('Instagram answered media_publish without a media id; the post may exist');
    return { kind: 'published', externalId: mediaId, url: await this.permalink(mediaId, token) };
  }

  async findRecent({ account, credentials, post, since, until }: FindRecentQuery): Promise<FindRecentResult> {
    const result = await this.recentMedia(account.externalId, credentials.accessToken);
    if (result.kind === 'failed') return { kind: 'lookup_failed', message: result.message };
    const captions = [post.text, textWithLink(post.text, post.link)];
    const match = result.items.find(
      (item) => withinWindow(parseGraphTime(item.timestamp), since, until) && captions.some((c) => sameText(item.caption, c)),
    );
    return match ? { kind: 'found', externalId: match.id, url: match.permalink } : { kind: 'not_found' };
  }

  /** The Graph API offers no reliable delete for Instagram media: takedown is a manual task. */
  async remove(): Promise<RemoveOutcome> {
    return { kind: 'unsupported' };
  }

  private async waitForContainer(
    containerId: string,
    token: string,
  ): Promise<{ kind: 'ready' } | { kind: 'already_published' } | { kind: 'failed'; outcome: PublishOutcome }> {
    for (let poll = 0; poll < this.tuning.instagramMaxPolls; poll++) {
      if (poll > 0) await sleep(this.tuning.instagramPollIntervalMs);
      const result = await this.graph.get(containerId, { fields: 'status_code,status' }, token);
      if (result.kind !== 'response') return { kind: 'failed', outcome: lostOrNotSent(result, false, 'Instagram container status') };
      if (result.status !== 200) return { kind: 'failed', outcome: this.error(result, false) };
      const body = parseJson(result.text);
      const code = isRecord(body) ? body.status_code : undefined;
      const detail = isRecord(body) && typeof body.status === 'string' ? `: ${body.status}` : '';
      if (code === 'FINISHED') return { kind: 'ready' };
      if (code === 'PUBLISHED') return { kind: 'already_published' };
      if (code === 'ERROR') return { kind: 'failed', outcome: refused('REJECTED_BY_PLATFORM', `Instagram could not process the media${detail}`) };
      if (code === 'EXPIRED') return { kind: 'failed', outcome: refused('REJECTED_BY_PLATFORM', 'The Instagram media container expired before it was published') };
    }
    return { kind: 'failed', outcome: notCreated(`Instagram was still processing the media after ${this.tuning.instagramMaxPolls} checks`) };
  }

  /** A container reported PUBLISHED is live already: find its media rather than publish twice. */
  private async findPublished(igUser: string, token: string, caption: string): Promise<PublishOutcome> {
    const recent = await this.recentMedia(igUser, token);
    const match = recent.kind === 'ok' ? recent.items.find((item) => sameText(item.caption, caption)) : undefined;
    if (match) return { kind: 'published', externalId: match.id, url: match.permalink };
    return unknown('The Instagram container is already published but its media was not found; the post exists');
  }

  private async recentMedia(
    igUser: string,
    token: string,
  ): Promise<{ kind: 'ok'; items: { id: string; caption: string | null; timestamp: unknown; permalink: string | null }[] } | { kind: 'failed'; message: string }> {
    const result = await this.graph.get(`${igUser}/media`, { fields: 'id,caption,timestamp,permalink', limit: '25' }, token);
    if (result.kind !== 'response') return { kind: 'failed', message: result.message };
    if (result.status !== 200) return { kind: 'failed', message: this.error(result, false).message };
    const body = parseJson(result.text);
    const data = isRecord(body) && Array.isArray(body.data) ? body.data : [];
    return {
      kind: 'ok',
      items: data.filter(isRecord).flatMap((item) =>
        typeof item.id === 'string'
          ? [{
              id: item.id,
              caption: typeof item.caption === 'string' ? item.caption : null,
              timestamp: item.timestamp,
              permalink: typeof item.permalink === 'string' ? item.permalink : null,
            }]
          : [],
      ),
    };
  }

  private async permalink(mediaId: string, token: string): Promise<string | null> {
    const result = await this.graph.get(mediaId, { fields: 'permalink' }, token);
    if (result.kind !== 'response' || result.status !== 200) return null;
    const body = parseJson(result.text);
    return isRecord(body) && typeof body.permalink === 'string' ? body.permalink : null;
  }

  private error(result: Extract<HttpResult, { kind: 'response' }>, creating: boolean) {
    return mapGraphError(result, { creating, nowMs: this.clock.now().getTime(), label: LABEL });
  }
}

function idOf(text: string): string | null {
  const body = parseJson(text);
  return isRecord(body) && typeof body.id === 'string' ? body.id : null;
}

/** `{"data": [{"quota_usage": 50, "config": {"quota_total": 50, "quota_duration": 86400}}]}`: read, never hard-coded. */
function quotaReached(text: string): string | null {
  const body = parseJson(text);
  const entry = isRecord(body) && Array.isArray(body.data) && isRecord(body.data[0]) ? body.data[0] : null;
  if (!entry) return null;
  const usage = entry.quota_usage;
  const total = isRecord(entry.config) ? entry.config.quota_total : undefined;
  if (typeof usage === 'number' && typeof total === 'number' && usage >= total) return `${usage} of ${total}`;
  return null;
}
