import { sameText, textWithLink, withinWindow } from './text-match';

describe('matching a post we may have made', () => {
  it('compares text as a reader sees it', () => {
    expect(sameText('Open day\r\n\r\nSaturday ', 'Open day\n\nSaturday')).toBe(true);
    expect(sameText('Cafe\u0301', 'Café')).toBe(true);
    expect(sameText('Open day', 'Open days')).toBe(false);
    expect(sameText(undefined, '')).toBe(false);
  });

  it('adds the link on its own line unless the text already carries it', () => {
    expect(textWithLink('See you there', 'https://e.org/x')).toBe('See you there\n\nhttps://e.org/x');
    expect(textWithLink('See https://e.org/x', 'https://e.org/x')).toBe('See https://e.org/x');
    expect(textWithLink('Text', null)).toBe('Text');
  });

  it('accepts a platform timestamp inside the window, with two minutes of clock skew either side', () => {
    const since = '2026-11-23T08:00:00.000Z';
    const until = '2026-11-23T08:10:00.000Z';
    expect(withinWindow(Date.parse('2026-11-23T08:05:00Z'), since, until)).toBe(true);
    expect(withinWindow(Date.parse('2026-11-23T08:11:59Z'), since, until)).toBe(true);
    expect(withinWindow(Date.parse('2026-11-23T08:12:01Z'), since, until)).toBe(false);
    expect(withinWindow(Date.parse('2026-11-23T07:57:59Z'), since, until)).toBe(false);
    expect(withinWindow(null, since, until)).toBe(false);
  });
});
