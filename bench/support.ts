import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app-factory';
import { loadConfig } from '../src/common/config/load-config';

export type BenchDatabase = 'sqlite' | 'postgres';

export const BENCH_ADMIN = { email: 'bench-admin@example.test', password: 'bench admin password' };
const POSTGRES_ADMIN_URL = process.env.GATEHOUSE_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchApp {
  app: INestApplication;
  dataSource: DataSource;
  baseUrl: string;
  close(): Promise<void>;
}

/** Starts Gatehouse listening on a free port over a fresh database of the given kind. */
export async function startBenchApp(kind: BenchDatabase, env: Record<string, string> = {}): Promise<BenchApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));
  const database = await createBenchDatabase(kind, dataDir);
  const config = loadConfig({
    DATABASE_URL: database.url,
    GATEHOUSE_DATA_DIR: dataDir,
    GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: BENCH_ADMIN.email,
    GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: BENCH_ADMIN.password,
    GATEHOUSE_LOG_LEVEL: 'silent',
    GATEHOUSE_RATE_LIMIT_PER_MINUTE: '10000000',
    GATEHOUSE_VAULT_KEY: randomBytes(32).toString('base64'),
    ...env,
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    dataSource: app.get(DataSource),
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh database: a SQLite file in `dataDir`, or a PostgreSQL database dropped afterwards. */
export async function createBenchDatabase(kind: BenchDatabase, dataDir: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === 'sqlite') return { url: `sqlite:${join(dataDir, 'bench.sqlite')}`, drop: async () => undefined };
  const name = `gatehouse_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function benchLogin(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** Times `run` `iterations` times after a warm-up and returns the latencies in milliseconds. */
export async function measure(iterations: number, run: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < Math.min(20, iterations); i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function describeLatency(label: string, samples: number[]): string {
  return `${label}: p50 ${percentile(samples, 50).toFixed(2)} ms, p95 ${percentile(samples, 95).toFixed(2)} ms (n=${samples.length})`;
}

export function selectedDatabases(): BenchDatabase[] {
  const only = process.env.GATEHOUSE_BENCH_DB;
  return only === 'sqlite' || only === 'postgres' ? [only] : ['sqlite', 'postgres'];
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
