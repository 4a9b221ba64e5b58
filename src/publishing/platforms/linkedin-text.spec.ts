import { escapeLinkedInCommentary } from './linkedin-text';

describe('escapeLinkedInCommentary', () => {
  it('escapes every reserved character with a backslash', () => {
    expect(escapeLinkedInCommentary('\\ | { } @ [ ] ( ) < > # * _ ~')).toBe('\\\\ \\| \\{ \\} \\@ \\[ \\] \\( \\) \\< \\> \\# \\* \\_ \\~');
  });

  it('escapes a backslash once, not again for the escapes it adds', () => {
    expect(escapeLinkedInCommentary('a\\(b')).toBe('a\\\\\\(b');
  });

  it('leaves ordinary text, punctuation, accents and emoji alone', () => {
    const text = "Open day on Friday: 10am-2pm! Café, £5 & \"free\" parking; it's 100% fun. 🎉 https://example.org/a?b=c";
    expect(escapeLinkedInCommentary(text)).toBe(text);
  });

  it('turns a mention or hashtag into plain text', () => {
    expect(escapeLinkedInCommentary('Thanks @[Team](urn:li:organization:1) #care')).toBe(
      'Thanks \\@\\[Team\\]\\(urn:li:organization:1\\) \\#care',
    );
  });
});
