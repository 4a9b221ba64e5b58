import { Inject, Injectable } from '@nestjs/common';
import { createHmac, hkdfSync, timingSafeEqual } from 'crypto';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { MediaLinkInvalidError } from './media-links-errors';

/** A separate key per purpose: a media-link signature can never double as anything the vault key protects. */
const KEY_LABEL = 'gatehouse/media-links/v1';
export const DEFAULT_MEDIA_LINK_TTL_SECONDS = 60 * 60;

/**
 * Time-limited links to one media file, for platforms that download media themselves (Facebook,
 * Instagram): `PUBLIC_URL/media-links/<id>?expires=<unix seconds>&sig=<HMAC-SHA256, base64url>`.
 */
@Injectable()
export class MediaLinks {
  private readonly key: Buffer;
  private readonly publicUrl: string;

  constructor(
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'vaultKey' | 'publicUrl'>,
    private readonly clock: Clock,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', config.vaultKey, Buffer.alloc(0), KEY_LABEL, 32));
    this.publicUrl = config.publicUrl.replace(/\/+$/, '');
  }

  sign(mediaId: string, ttlSeconds = DEFAULT_MEDIA_LINK_TTL_SECONDS): string {
    const expires = Math.floor(this.clock.now().getTime() / 1000) + ttlSeconds;
    const query = new URLSearchParams({ expires: String(expires), sig: this.signature(mediaId, expires) });
    return `${this.publicUrl}/media-links/${encodeURIComponent(mediaId)}?${query}`;
  }

  /** Throws MediaLinkInvalidError unless the signature matches this id and expiry and the expiry is ahead. */
  verify(mediaId: string, expires: string | undefined, sig: string | undefined): void {
    if (!expires || !sig) throw new MediaLinkInvalidError('unsigned');
    if (!/^\d{1,12}$/.test(expires)) throw new MediaLinkInvalidError('tampered');
    const expected = Buffer.from(this.signature(mediaId, Number(expires)));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new MediaLinkInvalidError('tampered');
    if (Number(expires) * 1000 <= this.clock.now().getTime()) throw new MediaLinkInvalidError('expired');
  }

  private signature(mediaId: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${mediaId}\n${expires}`).digest('base64url');
  }
}
