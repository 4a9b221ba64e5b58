import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { openRedis } from './open-redis';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export const REDIS = Symbol('REDIS');

/**
 * One ioredis connection for the process. It connects in the background and keeps retrying, so
 * the service starts and serves while Redis is down.
 */
function createRedis(config: AppConfig): Redis {
  const logger = new Logger('Redis');
  let lastLogged = 0;
  const client = openRedis(config.redisUrl);
  client.on('error', (error: Error) => {
    // A down Redis would otherwise log on every retry.
    if (Date.now() - lastLogged > 60_000) {
      lastLogged = Date.now();
      logger.warn(`Redis unavailable: ${error.message}`);
    }
  });
  return client;
}

@Global()
@Module({
  providers: [{ provide: REDIS, inject: [APP_CONFIG], useFactory: createRedis }],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
