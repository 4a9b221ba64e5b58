import { Injectable } from '@nestjs/common';
import { WritePath } from '../common/write-path/write-path';
import { Caller } from '../auth/caller';
import { Clock } from '../common/clock';
import { Transactions } from '../common/database/transactions';
import { EmailPreference } from './notification-preference.entity';
import { NotificationPreferencesRepository } from './notification-preferences.repository';

export interface PreferencesView {
  email: EmailPreference;
}

@Injectable()
export class PreferencesService {
  constructor(
    private readonly preferences: NotificationPreferencesRepository,
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
  ) {}

  async get(caller: Caller): Promise<PreferencesView> {
    return { email: await this.preferences.emailOf(caller.staffId) };
  }

  async set(caller: Caller, email: EmailPreference): Promise<PreferencesView> {
    return this.transactions.run(async (manager) => {
      const before = await this.preferences.emailOf(caller.staffId);
      await this.preferences.save({ staffId: caller.staffId, email, updatedAt: this.clock.nowIso() });
      await this.writePath.record(manager, { actorId: caller.staffId, action: 'notification_preferences.updated', subjectType: 'staff', subjectId: caller.staffId, details: { before, after: email } });
      return { email };
    });
  }
}
