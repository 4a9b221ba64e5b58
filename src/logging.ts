import type { RequestHandler } from 'express';
import { Params } from 'nestjs-pino';
import pino, { Level, Logger } from 'pino';
import { AppConfig } from './config/app-config';

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

/**
 * One pino logger for the process. nestjs-pino only adopts it (`useExisting`, no routes): its per-request
 * pino-http child loggers and request context cost more than the request itself, so requests are logged
 * by `requestLog` below instead.
 */
export function loggingParams(config: AppConfig): Params {
  const logger = pino({ level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
  return { pinoHttp: { logger }, useExisting: true, forRoutes: [] };
}

export const loggerOf = (params: Params): Logger => (params.pinoHttp as { logger: Logger }).logger;

const levelFor = (status: number): Level => (status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info');

/**
 * A line per finished request at info (warn for 4xx, error for 5xx), with method, URL (query strings
 * may carry cursors and filters but never secrets), status and time; never headers or bodies. Nothing
 * at all is done for a request whose line the configured level would drop.
 */
export function requestLog(logger: Logger): RequestHandler | null {
  if (!logger.isLevelEnabled('error')) return null;
  let lastId = 0;
  return (req, res, next) => {
    const startedAt = Date.now();
    const id = ++lastId;
    res.once('finish', () => {
      const level = levelFor(res.statusCode);
      if (!logger.isLevelEnabled(level)) return;
      const line = { req: { id, method: req.method, url: req.originalUrl }, res: { statusCode: res.statusCode }, responseTime: Date.now() - startedAt };
      logger[level](line, res.statusCode >= 400 ? 'request failed' : 'request completed');
    });
    next();
  };
}
