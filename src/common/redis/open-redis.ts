import Redis, { RedisOptions } from 'ioredis';

/**
 * Every Redis connection the process opens. It reconnects for ever (the service keeps serving while Redis is
 * down), commands wait for it rather than fail after a few tries (BullMQ requires that), and a closing
 * connection ends within 200 ms: ioredis otherwise waits 2 s, even for a socket that never connected, and
 * that timer holds a stopping process open.
 */
export function openRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, disconnectTimeout: 200, retryStrategy: (attempt) => Math.min(attempt * 200, 2000), ...options });
}
