import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller } from '../auth/caller';
import { Clock } from '../common/clock';
import { TASK_PROVIDERS } from './providers';
import { byOldest, Task } from './task';

/** What waits on the caller, computed from the state now: a task done by anyone is gone. */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async waitingOn(caller: Caller): Promise<{ items: Task[] }> {
    const nowIso = this.clock.nowIso();
    const person = { id: caller.staffId, roles: caller.roles };
    const lists = [];
    for (const provider of TASK_PROVIDERS) lists.push(await provider.waitingOn(this.dataSource.manager, person, nowIso));
    return { items: lists.flat().sort(byOldest) };
  }
}
