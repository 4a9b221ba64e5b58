import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WritePath } from '../common/write-path/write-path';
import { Caller } from '../auth/caller';
import { Clock } from '../common/clock';
import { Transactions } from '../common/database/transactions';
import { EmailPreference, NotificationPreference } from './notification-preference.entity';

export interface PreferencesView {
  email: EmailPreference;
}

@Injectable()
export class PreferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
  ) {}

  async get(caller: Caller): Promise<PreferencesView> {
    const row = await this.dataSource.getRepository(NotificationPreference).findOneBy({ staffId: caller.staffId });
    return { email: row?.email ?? 'immediate' };
  }

  async set(caller: Caller, email: EmailPreference): Promise<PreferencesView> {
    return this.transactions.run(async (manager) => {
      const repository = manager.getRepository(NotificationPreference);
      const before = (await repository.findOneBy({ staffId: caller.staffId }))?.email ?? 'immediate';
      await repository.save({ staffId: caller.staffId, email, updatedAt: this.clock.nowIso() });
      await this.writePath.record(manager, { actorId: caller.staffId, action: 'notification_preferences.updated', subjectType: 'staff', subjectId: caller.staffId, details: { before, after: email } });
      return { email };
    });
  }
}
