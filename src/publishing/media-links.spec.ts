import { randomBytes } from 'crypto';
import { Clock } from '../common/clock';
import { MediaLinks } from './media-links';
import { MediaLinkInvalidError } from './media-links-errors';

class FixedClock extends Clock {
  constructor(public at: number) {
    super();
  }
  now(): Date {
    return new Date(this.at);
  }
}

describe('MediaLinks', () => {
  const mediaId = '7d1c1f8e-55a2-4a3b-9a0e-2f6f0b9d1c11';
  const vaultKey = randomBytes(32);
  const clock = new FixedClock(Date.parse('2026-11-23T08:00:00Z'));
  const links = new MediaLinks({ vaultKey, publicUrl: 'https://gatehouse.example.org/' }, clock);

  function parts(url: string) {
    const parsed = new URL(url);
    return { id: decodeURIComponent(parsed.pathname.split('/').pop()!), expires: parsed.searchParams.get('expires')!, sig: parsed.searchParams.get('sig')!, parsed };
  }
  const verify = (id: string, expires?: string, sig?: string) => () => links.verify(id, expires, sig);

  beforeEach(() => {
    clock.at = Date.parse('2026-11-23T08:00:00Z');
  });

  it('makes a public URL under GATEHOUSE_PUBLIC_URL that verifies until it expires', () => {
    const url = links.sign(mediaId, 600);
    const { parsed, id, expires, sig } = parts(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe(`https://gatehouse.example.org/media-links/${mediaId}`);
    expect(Number(expires)).toBe(Date.parse('2026-11-23T08:10:00Z') / 1000);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verify(id, expires, sig)).not.toThrow();

    clock.at += 599_000;
    expect(verify(id, expires, sig)).not.toThrow();
    clock.at += 1_000;
    expect(verify(id, expires, sig)).toThrow(new MediaLinkInvalidError('expired'));
  });

  it('refuses a link without a signature or expiry', () => {
    const { expires, sig } = parts(links.sign(mediaId));
    expect(verify(mediaId, undefined, sig)).toThrow(MediaLinkInvalidError);
    expect(verify(mediaId, expires, undefined)).toThrow(MediaLinkInvalidError);
    expect(verify(mediaId, '', '')).toThrow(MediaLinkInvalidError);
  });

  it('refuses a link whose id, expiry or signature was changed', () => {
    const { expires, sig } = parts(links.sign(mediaId));
    expect(verify('0d1c1f8e-55a2-4a3b-9a0e-2f6f0b9d1c11', expires, sig)).toThrow(MediaLinkInvalidError);
    expect(verify(mediaId, String(Number(expires) + 3600), sig)).toThrow(MediaLinkInvalidError);
    expect(verify(mediaId, `${expires}.0`, sig)).toThrow(MediaLinkInvalidError);
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    expect(verify(mediaId, expires, flipped)).toThrow(MediaLinkInvalidError);
    expect(verify(mediaId, expires, sig.slice(1))).toThrow(MediaLinkInvalidError);
  });

  it('does not accept links signed under another vault key', () => {
    const other = new MediaLinks({ vaultKey: randomBytes(32), publicUrl: 'https://gatehouse.example.org' }, clock);
    const { expires, sig } = parts(other.sign(mediaId));
    expect(verify(mediaId, expires, sig)).toThrow(MediaLinkInvalidError);
  });

  it('does not use the vault key itself as the HMAC key', () => {
    const { expires, sig } = parts(links.sign(mediaId));
    const { createHmac } = jest.requireActual<typeof import('crypto')>('crypto');
    const naive = createHmac('sha256', vaultKey).update(`${mediaId}\n${expires}`).digest('base64url');
    expect(sig).not.toBe(naive);
  });
});
