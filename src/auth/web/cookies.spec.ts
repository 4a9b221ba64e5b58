import { csrfMatches, readCookies, serializeCookie } from './cookies';

describe('web cookies', () => {
  it('reads cookies from the header, first occurrence winning, quotes and escapes undone', () => {
    const cookies = readCookies({ headers: { cookie: 'gh_session=abc; other=1; gh_session=shadowed; gh_csrf="x%2Fy"; junk' } });
    expect(cookies).toEqual({ gh_session: 'abc', other: '1', gh_csrf: 'x/y' });
    expect(readCookies({ headers: {} })).toEqual({});
  });

  it('matches the CSRF header only when it equals the cookie exactly', () => {
    expect(csrfMatches('token-1', 'token-1')).toBe(true);
    expect(csrfMatches('token-1', 'token-2')).toBe(false);
    expect(csrfMatches('token', 'token-1')).toBe(false);
    expect(csrfMatches(undefined, 'token-1')).toBe(false);
    expect(csrfMatches('', '')).toBe(false);
    expect(csrfMatches(['token-1'], 'token-1')).toBe(false);
  });

  it('writes SameSite=Strict, Path=/ cookies, HttpOnly and Secure only when asked', () => {
    const expires = new Date('2030-01-01T00:00:00Z');
    expect(serializeCookie('gh_session', 'a b', { httpOnly: true, secure: true, expires })).toBe(
      'gh_session=a%20b; Path=/; SameSite=Strict; HttpOnly; Secure; Expires=Tue, 01 Jan 2030 00:00:00 GMT',
    );
    expect(serializeCookie('gh_csrf', 'x', { httpOnly: false, secure: false })).toBe('gh_csrf=x; Path=/; SameSite=Strict');
    expect(serializeCookie('gh_oidc', 'y', { httpOnly: true, secure: true, sameSite: 'Lax', path: '/auth/oidc' })).toBe('gh_oidc=y; Path=/auth/oidc; SameSite=Lax; HttpOnly; Secure');
  });
});
