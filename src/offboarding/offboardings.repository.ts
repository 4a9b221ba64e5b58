import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager, In, LessThanOrEqual, Repository, SelectQueryBuilder } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Transactions } from '../common/database/transactions';
import { OFFBOARDING_LIFECYCLE, OFFBOARDING_TASK_LIFECYCLE } from './offboarding-lifecycle';
import { Offboarding } from './offboarding.entity';
import { OffboardingTask } from './offboarding-task.entity';
import { LEAVES_IN_EFFECT } from './offboarding-lifecycle';

/** Leaves and their platform tasks, read and written in the current transaction (or outside one). */
@Injectable()
export class OffboardingsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get manager(): EntityManager {
    return this.transactions.manager;
  }

  private get offboardings(): Repository<Offboarding> {
    return this.manager.getRepository(Offboarding);
  }

  private get tasks(): Repository<OffboardingTask> {
    return this.manager.getRepository(OffboardingTask);
  }

  build(fields: DeepPartial<Offboarding>): Offboarding {
    return this.offboardings.create(fields);
  }

  async insert(offboarding: Offboarding): Promise<void> {
    await this.offboardings.insert(offboarding);
  }

  findForUpdate(id: string): Promise<Offboarding | null> {
    return this.transactions.findForUpdate(this.manager, Offboarding, id);
  }

  /** The person's leaves still waiting for their instant (the ones a new leave or a cancel supersedes). */
  pendingFor(staffId: string): Promise<Offboarding[]> {
    return this.offboardings.find({ where: { staffId, status: In(OFFBOARDING_LIFECYCLE.statesAllowing('cancel')) }, order: { id: 'ASC' } });
  }

  /** Leaves whose instant has passed and that have not been applied yet, oldest first. */
  due(nowIso: string, limit: number): Promise<Offboarding[]> {
    return this.offboardings.find({
      where: { status: In(OFFBOARDING_LIFECYCLE.statesAllowing('complete')), effectiveAt: LessThanOrEqual(nowIso) },
      order: { effectiveAt: 'ASC', id: 'ASC' },
      take: limit,
    });
  }

  /** The person's first leave due by `nowIso` and not applied. */
  dueFor(staffId: string, nowIso: string): Promise<Offboarding | null> {
    return this.offboardings.findOne({
      where: { staffId, status: In(OFFBOARDING_LIFECYCLE.statesAllowing('complete')), effectiveAt: LessThanOrEqual(nowIso) },
      order: { effectiveAt: 'ASC' },
    });
  }

  /** The leave a report is about: the latest one applied or waiting (a cancelled one has nothing to report). */
  latestReportable(staffId: string): Promise<Offboarding | null> {
    return this.offboardings.findOne({
      where: { staffId, status: In(LEAVES_IN_EFFECT) },
      order: { requestedAt: 'DESC', id: 'DESC' },
    });
  }

  buildTask(fields: DeepPartial<OffboardingTask>): OffboardingTask {
    return this.tasks.create(fields);
  }

  async insertTasks(tasks: OffboardingTask[]): Promise<void> {
    // One multi-row INSERT: a person is platform admin on at most a handful of accounts.
    if (tasks.length > 0) await this.tasks.insert(tasks);
  }

  tasksOf(offboardingId: string): Promise<OffboardingTask[]> {
    return this.tasks.find({ where: { offboardingId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /*
   * The task providers' reads. Providers are built at module load, outside injection, and read with the
   * manager of the change or request they serve: these take that manager.
   */

  /** Open platform tasks as `t`, joined to their account as `a`, for the caller to select from and narrow. */
  static openTasksWithAccount(manager: EntityManager): SelectQueryBuilder<OffboardingTask> {
    return manager
      .getRepository(OffboardingTask)
      .createQueryBuilder('t')
      .innerJoin(Account, 'a', 'a.id = t.accountId')
      .where('t.status = :open', { open: OFFBOARDING_TASK_LIFECYCLE.initial });
  }

  taskForUpdate(id: string): Promise<OffboardingTask | null> {
    return this.transactions.findForUpdate(this.manager, OffboardingTask, id);
  }
}
