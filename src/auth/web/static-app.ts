import type { NextFunction, Request, Response } from 'express';
import { static as serveStatic } from 'express';
import { existsSync } from 'fs';
import { join } from 'path';
import { projectRoot } from '../../common/project-root';

/** web/ at the project root, whichever compiled layout runs. */
export const WEB_DIR = join(projectRoot(), 'web');

/** Paths the API owns: never answered with the app, so their 404s stay JSON. */
const API_PREFIXES = ['/api', '/scim', '/health', '/media-links', '/web', '/oauth', '/auth/oidc'];

/** Scripts and styles only from our own origin; no inline script, no framing, no plugins. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function setPageHeaders(response: Response): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  // Revalidate every time (ETag), so a new release is picked up at once.
  response.setHeader('Cache-Control', 'no-cache');
}

const isApiPath = (path: string): boolean => API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/**
 * Express middleware serving the web app: its files as they are (plain ES modules, no build step),
 * and index.html for any other GET outside the API so that client-side routes survive a reload.
 */
export function webAppMiddleware(dir: string = WEB_DIR) {
  const index = join(dir, 'index.html');
  const available = existsSync(index);
  const files = serveStatic(dir, { index: false, dotfiles: 'ignore', redirect: false, setHeaders: setPageHeaders });
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!available || (request.method !== 'GET' && request.method !== 'HEAD') || isApiPath(request.path)) return next();
    files(request, response, () => {
      // A missing asset (anything with a file extension) is a plain 404, not the app.
      if (/\.[a-z0-9]+$/i.test(request.path)) return next();
      setPageHeaders(response);
      response.sendFile(index);
    });
  };
}
