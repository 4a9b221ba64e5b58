import { randomBytes, timingSafeEqual } from 'crypto';
import type { Request } from 'express';

/** The browser's session token (httpOnly) and its double-submit CSRF token (readable by the app's script). */
export const SESSION_COOKIE = 'gh_session';
export const CSRF_COOKIE = 'gh_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * A tiny RFC 6265 `Cookie` header parser: we only ever read our own two cookies, whose values are
 * base64url, so a dependency (cookie-parser) would add nothing.
 */
export function readCookies(request: Pick<Request, 'headers'>): Record<string, string> {
  const header = request.headers.cookie;
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    // The first occurrence wins, as browsers send the most specific path first.
    if (name && !(name in cookies)) {
      try {
        cookies[name] = decodeURIComponent(value);
      } catch {
        cookies[name] = value;
      }
    }
  }
  return cookies;
}

export const newCsrfToken = (): string => randomBytes(32).toString('base64url');

/** Constant-time comparison of the X-CSRF-Token header with the gh_csrf cookie. */
export function csrfMatches(header: string | string[] | undefined, cookie: string | undefined): boolean {
  if (typeof header !== 'string' || !cookie || header.length === 0) return false;
  const a = Buffer.from(header);
  const b = Buffer.from(cookie);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface CookieOptions {
  httpOnly: boolean;
  secure: boolean;
  expires?: Date;
  /** Lax for a cookie that must come back on a top-level navigation from another site (the SSO callback). */
  sameSite?: 'Strict' | 'Lax';
  path?: string;
}

/** One Set-Cookie value; SameSite=Strict and Path=/ unless asked otherwise. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path ?? '/'}`, `SameSite=${options.sameSite ?? 'Strict'}`];
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  if (options.expires) parts.push(`Expires=${options.expires.toUTCString()}`);
  return parts.join('; ');
}

/** The web app's signed-in cookies: the session token (httpOnly) and a fresh CSRF token beside it. */
export function sessionCookies(token: string, expiresAt: string, secure: boolean): string[] {
  const expires = new Date(expiresAt);
  return [serializeCookie(SESSION_COOKIE, token, { httpOnly: true, secure, expires }), serializeCookie(CSRF_COOKIE, newCsrfToken(), { httpOnly: false, secure, expires })];
}
