import { Injectable } from '@nestjs/common';
import { EntityManager, In, Repository } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { TaskNotice } from './task-notice.entity';

/** The tasks people have been told about, in the caller's transaction. */
@Injectable()
export class TaskNoticesRepository {
  constructor(private readonly transactions: Transactions) {}

  private notices(manager: EntityManager = this.transactions.manager): Repository<TaskNotice> {
    return manager.getRepository(TaskNotice);
  }

  /** Who has been told of this kind of task on these subjects. */
  toldOf(kind: string, subjectIds: string[], manager?: EntityManager): Promise<TaskNotice[]> {
    return this.notices(manager).find({ where: { kind, subjectId: In(subjectIds) } });
  }

  async insert(notices: TaskNotice | TaskNotice[], manager?: EntityManager): Promise<void> {
    await this.notices(manager).insert(notices);
  }

  async deleteByIds(ids: string[], manager?: EntityManager): Promise<void> {
    await this.notices(manager).delete({ id: In(ids) });
  }
}
