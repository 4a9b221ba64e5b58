import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../../auth/access.decorators';
import { REDIS } from '../redis/redis.module';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  checks: { database: 'up' | 'down'; redis: 'up' | 'down' };
}

const CHECK_TIMEOUT_MS = 1000;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS).unref())]);
}

/** Redis down is degraded, not fatal: drafting and approving go on without it. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const database = await withTimeout(this.dataSource.query('SELECT 1')).then(() => 'up' as const, () => 'down' as const);
    const redis =
      this.redis.status === 'ready' ? await withTimeout(this.redis.ping()).then(() => 'up' as const, () => 'down' as const) : ('down' as const);
    const status = database === 'down' ? 'down' : redis === 'down' ? 'degraded' : 'ok';
    response.status(database === 'down' ? 503 : 200);
    return { status, checks: { database, redis } };
  }
}
