import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer | URLSearchParams;
  /** Overrides the configured timeout, e.g. for an upload (see `uploadTimeoutMs`). */
  timeoutMs?: number;
}

/** The slowest uplink an upload is given time for: 128 KiB/s, in bytes per millisecond. */
const SLOWEST_UPLOAD_BYTES_PER_MS = 131;

/**
 * What came of one call, sorted by what it tells us about the platform's state:
 * - `response`: the platform answered (any status);
 * - `not_sent`: the connection was never made, so the platform cannot have acted;
 * - `lost`: no answer in time, or the connection dropped after the request left: it may have acted.
 */
export type HttpResult =
  | { kind: 'response'; status: number; headers: Headers; text: string }
  | { kind: 'not_sent'; message: string }
  | { kind: 'lost'; message: string };

/** Errors raised before a single byte of the request reached the platform. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** The one place platform clients touch the network: global fetch with a timeout covering the whole answer. */
@Injectable()
export class PlatformHttp {
  readonly timeoutMs: number;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'platforms'>) {
    this.timeoutMs = config.platforms.requestTimeoutMs;
  }

  /** The configured wait for an answer, plus the time the body itself may take to send on a slow line. */
  uploadTimeoutMs(bytes: number): number {
    return this.timeoutMs + Math.ceil(bytes / SLOWEST_UPLOAD_BYTES_PER_MS);
  }

  async send(request: HttpRequest): Promise<HttpResult> {
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
        // A 308 is YouTube's "resume incomplete", not a redirect to follow.
        redirect: 'manual',
      });
      const text = await response.text();
      return { kind: 'response', status: response.status, headers: response.headers, text };
    } catch (error) {
      if (controller.signal.aborted) {
        return { kind: 'lost', message: `no answer within ${timeoutMs} ms` };
      }
      const code = errorCode(error);
      if (code !== null && NOT_SENT_CODES.has(code)) return { kind: 'not_sent', message: `could not connect (${code})` };
      return { kind: 'lost', message: `connection lost${code ? ` (${code})` : ''}` };
    } finally {
      clearTimeout(timer);
    }
  }
}

function errorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** Parses a JSON body, or null when the platform sent something else (an HTML error page, nothing). */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
