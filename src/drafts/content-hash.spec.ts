import { contentHash } from './content-hash';

describe('contentHash', () => {
  const media = [{ mediaId: 'm1', altText: 'Garden party', depicts: { staffIds: ['s1'], serviceUsers: false, public: true }, rights: 'own' as const, rightsReference: null }];

  it('is the same for the same content whatever the key order', () => {
    const a = contentHash({ text: 'Hello', title: null, link: null, media });
    const reordered = [{ rightsReference: null, rights: 'own' as const, depicts: { public: true, serviceUsers: false, staffIds: ['s1'] }, altText: 'Garden party', mediaId: 'm1' }];
    expect(contentHash({ media: reordered, link: null, title: null, text: 'Hello' })).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when anything published changes', () => {
    const base = contentHash({ text: 'Hello', title: null, link: null, media });
    expect(contentHash({ text: 'Hello!', title: null, link: null, media })).not.toBe(base);
    expect(contentHash({ text: 'Hello', title: 'T', link: null, media })).not.toBe(base);
    expect(contentHash({ text: 'Hello', title: null, link: null, media: [{ ...media[0], altText: 'Other' }] })).not.toBe(base);
  });
});
