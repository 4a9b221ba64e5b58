import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app-factory';
import { Clock } from '../../src/common/clock';
import { AppConfig } from '../../src/common/config/app-config';
import { loadConfig } from '../../src/common/config/load-config';
import { Role } from '../../src/staff/role';
import { createMigratedTestDatabase, TestDatabase } from './test-database';

export const ADMIN_EMAIL = 'admin@example.test';
export const ADMIN_PASSWORD = 'correct horse battery staple';

/** For the tests of argon2 itself (its parameters, or the time a flood of sign-ins takes): OWASP's cost. */
export const REAL_PASSWORD_HASHING = { GATEHOUSE_TEST_CHEAP_PASSWORD_HASHING: 'false' } as const;

export interface TestStaff {
  id: string;
  email: string;
  password: string;
  token: string;
}

/**
 * A running Gatehouse on a fresh database, with helpers that go through the real HTTP API.
 * `env` adds or overrides configuration for one test file.
 */
export class TestApp {
  private clockOffsetMs = 0;

  private constructor(
    readonly app: INestApplication,
    readonly config: AppConfig,
    readonly database: TestDatabase,
    private readonly ownsDatabase: boolean,
  ) {}

  static async start(env: Record<string, string> = {}, database?: TestDatabase): Promise<TestApp> {
    const db = database ?? (await createMigratedTestDatabase());
    const config = loadConfig({
      DATABASE_URL: db.url,
      GATEHOUSE_DATA_DIR: db.dataDir,
      GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
      GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      GATEHOUSE_LOG_LEVEL: process.env.GATEHOUSE_TEST_LOG_LEVEL ?? 'silent',
      GATEHOUSE_VAULT_KEY: randomBytes(32).toString('base64'),
      // Every test app gets its own BullMQ keys: test files share one Redis but not a database.
      GATEHOUSE_QUEUE_PREFIX: `test-${randomBytes(6).toString('hex')}`,
      GATEHOUSE_OUTBOX_POLL_MS: '50',
      // Cron jobs stay off; tests that need a job call its service method (or turn this on).
      GATEHOUSE_SCHEDULED_JOBS: 'false',
      // Thousands of sign-ins and new passwords: argon2 at its lowest cost, except where a test says REAL_PASSWORD_HASHING.
      GATEHOUSE_TEST_CHEAP_PASSWORD_HASHING: 'true',
      ...env,
    });
    const app = await createApp(config);
    await app.init();
    const testApp = new TestApp(app, config, db, database === undefined);
    testApp.installClock();
    return testApp;
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  /** The application's current time (real time plus any travel). */
  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  /** Moves the application's clock (not the test's) forward by `ms`. */
  travel(ms: number): void {
    this.clockOffsetMs += ms;
  }

  async login(email: string, password: string): Promise<string> {
    const response = await this.http.post('/api/v1/auth/login').send({ email, password });
    if (response.status !== 200) throw new Error(`login ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.token;
  }

  private adminTokenCache: string | null = null;
  async adminToken(): Promise<string> {
    this.adminTokenCache ??= await this.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    return this.adminTokenCache;
  }

  async adminId(): Promise<string> {
    const me = await this.http.get('/api/v1/me').set(bearer(await this.adminToken()));
    return me.body.id;
  }

  /** Creates a staff member through the API as the first admin and signs them in. */
  async newStaff(roles: Role[], fields: { displayName?: string; lineManagerId?: string } = {}): Promise<TestStaff> {
    const email = `${roles.join('-')}-${randomBytes(4).toString('hex')}@example.test`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const response = await this.http
      .post('/api/v1/staff')
      .set(bearer(await this.adminToken()))
      .send({ email, password, roles, displayName: fields.displayName ?? email.split('@')[0], ...(fields.lineManagerId ? { lineManagerId: fields.lineManagerId } : {}) });
    if (response.status !== 201) throw new Error(`create staff failed: ${response.status} ${JSON.stringify(response.body)}`);
    return { id: response.body.id, email, password, token: await this.login(email, password) };
  }

  async close(): Promise<void> {
    await this.app.close();
    if (this.ownsDatabase) await this.database.drop();
  }

  private installClock(): void {
    const clock = this.app.get(Clock);
    const realNow = clock.now.bind(clock);
    clock.now = () => new Date(realNow().getTime() + this.clockOffsetMs);
  }
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
