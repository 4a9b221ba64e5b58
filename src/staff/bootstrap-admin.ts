import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { Passwords } from '../auth/passwords';
import { LockKey, Transactions } from '../common/database/transactions';
import { StaffRepository } from './staff.repository';
import { StaffService } from './staff.service';

export const DEFAULT_BOOTSTRAP_EMAIL = 'admin@localhost';

/** On the very first start (no staff at all) creates one admin, and never again after that. */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstStart');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly passwords: Passwords,
    private readonly staff: StaffService,
    private readonly people: StaffRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.bootstrapAdmin.email ?? DEFAULT_BOOTSTRAP_EMAIL;
    const generated = this.config.bootstrapAdmin.password === null;
    const password = this.config.bootstrapAdmin.password ?? randomBytes(18).toString('base64url');
    const passwordHash = await this.passwords.hash(password);
    const created = await this.transactions.run(async (manager) => {
      await this.transactions.lock(manager, LockKey.BootstrapAdmin);
      if (await this.people.any()) return false;
      await this.staff.insert(manager, null, { email, displayName: 'Administrator', roles: ['admin'], lineManagerId: null, passwordHash });
      return true;
    });
    if (!created) return;
    if (generated) {
      // Shown once, deliberately: without it nobody could sign in to a fresh installation.
      this.logger.warn(`First start: created admin ${email} with password ${password}. Sign in and change it now; it is not shown again.`);
    } else {
      this.logger.log(`First start: created admin ${email} from GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL.`);
    }
  }
}
