import type { NextFunction, Request, Response } from 'express';
import { CONTENT_SECURITY_POLICY } from '../auth/web/static-app';

/** Paths whose answers are API data (tokens, personal data): never stored by a browser or proxy unless a route says otherwise. */
const API_DATA_PREFIXES = ['/api/', '/auth/', '/web/', '/scim/', '/oauth/'];

/**
 * The web app's policy, except that swagger-ui styles itself inline. Never framed, so a page cannot
 * trick someone into pressing its "Try it out" buttons.
 */
export const DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

const isDocsPath = (path: string): boolean => path === '/api/docs' || path.startsWith('/api/docs/');

/**
 * Headers every answer carries before any route runs (routes may override them): nothing is
 * content-sniffed into something executable, API answers are not cached, the docs are not framed.
 */
export function securityHeaders() {
  return (request: Request, response: Response, next: NextFunction): void => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (API_DATA_PREFIXES.some((prefix) => request.path.startsWith(prefix))) response.setHeader('Cache-Control', 'no-store');
    if (isDocsPath(request.path)) {
      response.setHeader('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY);
      response.setHeader('X-Frame-Options', 'DENY');
    }
    next();
  };
}
