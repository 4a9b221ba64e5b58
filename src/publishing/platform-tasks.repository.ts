import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { PlatformTask } from './platform-task.entity';
import type { PlatformTaskStatus } from './platform-task-lifecycle';

/** Work people do on the platforms themselves, in the current transaction (or outside one). */
@Injectable()
export class PlatformTasksRepository {
  constructor(private readonly transactions: Transactions) {}

  private get manager(): EntityManager {
    return this.transactions.manager;
  }

  private get tasks(): Repository<PlatformTask> {
    return this.manager.getRepository(PlatformTask);
  }

  build(fields: DeepPartial<PlatformTask>): PlatformTask {
    return this.tasks.create(fields);
  }

  async insert(task: PlatformTask): Promise<void> {
    await this.tasks.insert(task);
  }

  findForUpdate(id: string): Promise<PlatformTask | null> {
    return this.transactions.findForUpdate(this.manager, PlatformTask, id);
  }

  /** The draft's removal task in one of `statuses`, if any. */
  removalFor(draftId: string, statuses: readonly PlatformTaskStatus[]): Promise<PlatformTask | null> {
    return this.tasks.findOneBy({ draftId, kind: 'remove_post', status: In([...statuses]) });
  }

  query(alias: string): SelectQueryBuilder<PlatformTask> {
    return this.tasks.createQueryBuilder(alias);
  }
}
