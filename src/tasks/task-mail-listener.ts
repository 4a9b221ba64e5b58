import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Clock } from '../common/clock';
import { DomainEvent, DomainEvents } from '../common/domain-events';
import { newId } from '../common/ids';
import { DraftsRepository } from '../drafts/drafts.repository';
import { MailOutboxWriter } from './mail/mail-outbox-writer';
import { TASK_PROVIDERS } from './providers';
import { AssignedTask, TaskProvider } from './task';
import { TaskNoticesRepository } from './task-notices.repository';
import { AUTHOR_NEWS, TASK_MAIL_SUBJECT } from './task-subjects';

const key = (staffId: string, subjectId: string) => `${staffId}:${subjectId}`;

/**
 * Inside the transaction of each change: which tasks the change opened (told once, by notification and mail)
 * and which it closed (forgotten, so one that comes back is new); and the author's news of their post.
 */
@Injectable()
export class TaskMailListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly writer: MailOutboxWriter,
    private readonly clock: Clock,
    private readonly notices: TaskNoticesRepository,
    private readonly drafts: DraftsRepository,
    private readonly accounts: AccountsRepository,
  ) {}

  onModuleInit(): void {
    this.events.subscribeMany((manager, events) => this.onChanges(manager, events));
  }

  async onChange(manager: EntityManager, event: DomainEvent): Promise<void> {
    await this.onChanges(manager, [event]);
  }

  /** Changes written together (a leaver's drafts) are reconciled together: the queries do not grow with them. */
  async onChanges(manager: EntityManager, events: DomainEvent[]): Promise<void> {
    const nowIso = this.clock.nowIso();
    for (const provider of TASK_PROVIDERS) {
      const touched: string[] = [];
      if (provider.touchedByAll) touched.push(...(await provider.touchedByAll(manager, events, nowIso)));
      else for (const event of events) touched.push(...(await provider.touchedBy(manager, event, nowIso)));
      const subjectIds = [...new Set(touched)];
      // The mail follows from the change that opened the task (a batch's entries follow from one request).
      if (subjectIds.length > 0) await this.reconcile(manager, provider, subjectIds, nowIso, events.find((event) => event.entry)?.entry);
    }
    for (const event of events) await this.tellAuthor(manager, event);
  }

  /** Time alone brings some tasks (reviews falling due, credentials expiring): the hourly sweep finds them. */
  async sweep(manager: EntityManager): Promise<void> {
    const nowIso = this.clock.nowIso();
    for (const provider of TASK_PROVIDERS) {
      if (!provider.dueSubjects) continue;
      const subjectIds = await provider.dueSubjects(manager, nowIso);
      if (subjectIds.length > 0) await this.reconcile(manager, provider, subjectIds, nowIso);
    }
  }

  private async reconcile(manager: EntityManager, provider: TaskProvider, subjectIds: string[], nowIso: string, cause?: AuditEntry): Promise<void> {
    for (let i = 0; i < subjectIds.length; i += 200) {
      const ids = subjectIds.slice(i, i + 200);
      const current = new Map<string, AssignedTask>((await provider.assignees(manager, ids, nowIso)).map((task) => [key(task.staffId, task.subjectId), task]));
      const told = await this.notices.toldOf(provider.kind, ids, manager);
      const gone = told.filter((notice) => !current.has(key(notice.staffId, notice.subjectId)));
      if (gone.length > 0) await this.notices.deleteByIds(gone.map((notice) => notice.id), manager);
      const known = new Set(told.map((notice) => key(notice.staffId, notice.subjectId)));
      for (const [taskKey, task] of current) {
        if (known.has(taskKey)) continue;
        await this.notices.insert({ id: newId(), staffId: task.staffId, kind: task.kind, subjectId: task.subjectId, openedAt: nowIso }, manager);
        await this.writer.toPerson(manager, { staffId: task.staffId, kind: task.kind, subjectType: task.subjectType, subjectId: task.subjectId, title: task.title, subject: TASK_MAIL_SUBJECT[task.kind], path: task.path }, cause);
      }
    }
  }

  private async tellAuthor(manager: EntityManager, event: DomainEvent): Promise<void> {
    if (event.subjectType !== 'draft' || !event.subjectId) return;
    const to = event.details?.to;
    const news = typeof to === 'string' && event.details?.from !== to ? AUTHOR_NEWS[to] : undefined;
    if (!news) return;
    const draft = await this.drafts.whoseNews(event.subjectId, manager);
    if (!draft) return;
    // An author who owns the post has just been told by its fix_draft task: one mail, not two.
    if (news.kind === 'post_changes_requested' && (await this.notices.wasTold(draft.authorId, 'fix_draft', draft.id, manager))) return;
    const account = await this.accounts.nameOf(draft.accountId, manager);
    await this.writer.toPerson(manager, {
      staffId: draft.authorId,
      kind: news.kind,
      subjectType: 'draft',
      subjectId: draft.id,
      title: news.title(account?.name ?? 'an account'),
      subject: news.subject,
      path: `/drafts/${draft.id}`,
    }, event.entry);
  }
}
