import { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { Caller } from '../../src/auth/caller';
import { Clock } from '../../src/common/clock';
import { Transactions } from '../../src/common/database/transactions';
import { StaffService } from '../../src/staff/staff.service';
import { Role } from '../../src/staff/role';
import { loadConfig } from '../../src/common/config/load-config';
import { AppConfig } from '../../src/common/config/app-config';
import { createMigratedTestDatabase, TestDatabase } from './test-database';

const BOOTSTRAP_ADMIN = 'admin@example.test';

/**
 * A medium test's world: the real services and repositories on a fresh database (SQLite, or PostgreSQL
 * with GATEHOUSE_TEST_DB=postgres), no HTTP and no sign-in. Callers are made directly, so a rule test
 * costs a service call, not a request and a password hash.
 */
export class Medium {
  private clockOffsetMs = 0;

  private constructor(
    readonly context: INestApplicationContext,
    readonly config: AppConfig,
    private readonly database: TestDatabase,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<Medium> {
    const database = await createMigratedTestDatabase();
    const config = loadConfig({
      DATABASE_URL: database.url,
      GATEHOUSE_DATA_DIR: database.dataDir,
      GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: BOOTSTRAP_ADMIN,
      GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: `pw-${randomBytes(8).toString('hex')}`,
      GATEHOUSE_LOG_LEVEL: process.env.GATEHOUSE_TEST_LOG_LEVEL ?? 'silent',
      GATEHOUSE_VAULT_KEY: randomBytes(32).toString('base64'),
      GATEHOUSE_QUEUE_PREFIX: `medium-${randomBytes(6).toString('hex')}`,
      GATEHOUSE_SCHEDULED_JOBS: 'false',
      GATEHOUSE_TEST_CHEAP_PASSWORD_HASHING: 'true',
      ...env,
    });
    const context = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false, abortOnError: false });
    await context.init();
    const medium = new Medium(context, config, database);
    const clock = context.get(Clock);
    const realNow = clock.now.bind(clock);
    clock.now = () => new Date(realNow().getTime() + medium.clockOffsetMs);
    return medium;
  }

  get<T>(type: Type<T>): T {
    return this.context.get(type, { strict: false });
  }

  get dataSource(): DataSource {
    return this.get(DataSource);
  }

  get transactions(): Transactions {
    return this.get(Transactions);
  }

  /** Moves the application's clock forward by `ms`. */
  travel(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** The first admin, as a caller. */
  async admin(): Promise<Caller> {
    const [row] = await this.dataSource.query(`SELECT id FROM staff WHERE "emailKey" = '${BOOTSTRAP_ADMIN}'`);
    return { staffId: row.id, sessionId: 'medium-admin', roles: ['admin'] };
  }

  /** A new active staff member with `roles`, as a caller (no password, no session). */
  async staff(roles: Role[], fields: { displayName?: string; lineManagerId?: string } = {}): Promise<Caller> {
    const email = `${roles.join('-') || 'staff'}-${randomBytes(4).toString('hex')}@example.test`;
    const admin = await this.admin();
    const member = await this.transactions.run((manager) =>
      this.get(StaffService).insert(manager, admin.staffId, {
        email,
        displayName: fields.displayName ?? email.split('@')[0],
        roles,
        lineManagerId: fields.lineManagerId ?? null,
        passwordHash: null,
      }),
    );
    return { staffId: member.id, sessionId: `medium-${member.id}`, roles };
  }

  /** The audit actions written since entry `afterId`, oldest first. */
  async auditActionsSince(afterId: number): Promise<string[]> {
    const rows: { action: string }[] = await this.dataSource.query(`SELECT action FROM audit_entries WHERE id > ${Number(afterId)} ORDER BY id`);
    return rows.map((row) => row.action);
  }

  async auditHead(): Promise<number> {
    const [row] = await this.dataSource.query('SELECT MAX(id) AS id FROM audit_entries');
    return Number(row?.id ?? 0);
  }

  async close(): Promise<void> {
    await this.context.close();
    await this.database.drop();
  }
}
