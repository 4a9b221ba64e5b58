import type { RequestHandler } from 'express';
import { Params } from 'nestjs-pino';
import type { Level, LogFn } from 'pino';
import { AppConfig } from './common/config/app-config';
import { loggedUrl } from './logged-url';

/** Paths pino blanks out of every log line: credentials never reach a log. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.clientSecret',
  '*.passwordHash',
  '*.tokenHash',
];

export function loggingParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      serializers: {
        // Query strings may carry cursors and filters; secrets in them (a media link's signature) are blanked; bodies are never logged.
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: loggedUrl(req.url) }),
      },
    },
    // nestjs-pino builds its logger from these options but mounts no per-request middleware: pino-http's child
    // logger and request context for every request cost more than the request itself. `requestLog` logs requests.
    useExisting: true,
    forRoutes: [],
  };
}

/** The parts of a pino logger the request log uses. */
export type RequestLogger = { isLevelEnabled(level: Level): boolean } & Record<'info' | 'warn' | 'error', LogFn>;

const levelFor = (status: number): 'info' | 'warn' | 'error' => (status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info');

/**
 * A line per finished request at info (warn for 4xx, error for 5xx), with method, URL (secret query values
 * blanked), status and time; never headers or bodies. Nothing at all is done for a request whose line the
 * configured level would drop; null when the level drops every request line.
 */
export function requestLog(logger: RequestLogger): RequestHandler | null {
  if (!logger.isLevelEnabled('error')) return null;
  let lastId = 0;
  return (req, res, next) => {
    const startedAt = Date.now();
    const id = ++lastId;
    res.once('finish', () => {
      const level = levelFor(res.statusCode);
      if (!logger.isLevelEnabled(level)) return;
      const line = { req: { id, method: req.method, url: loggedUrl(req.originalUrl) }, statusCode: res.statusCode, responseTime: Date.now() - startedAt };
      logger[level](line, res.statusCode >= 400 ? 'request failed' : 'request completed');
    });
    next();
  };
}

