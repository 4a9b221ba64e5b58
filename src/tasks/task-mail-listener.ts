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
/** Rows a statement, well under SQLite's and PostgreSQL's bound-parameter limits. */
const NOTICES_PER_INSERT = 500;

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
    this.events.subscribeLast((manager, events) => this.onChanges(manager, events));
  }

  /** Changes written together (a leaver's drafts) are reconciled together: the queries do not grow with them. */
  async onChanges(manager: EntityManager, events: DomainEvent[]): Promise<void> {
    const nowIso = this.clock.nowIso();
    for (const provider of TASK_PROVIDERS) {
      const subjectIds = [...new Set(await provider.touchedBy(manager, events, nowIso))];
      // The mail follows from the change that opened the task (a batch's entries follow from one request).
      if (subjectIds.length > 0) await this.reconcile(manager, provider, subjectIds, nowIso, events.find((event) => event.entry)?.entry);
    }
    await this.tellAuthors(manager, events);
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
      const opened = [...current].filter(([taskKey]) => !known.has(taskKey)).map(([, task]) => task);
      for (let j = 0; j < opened.length; j += NOTICES_PER_INSERT) {
        await this.notices.insert(opened.slice(j, j + NOTICES_PER_INSERT).map((task) => ({ id: newId(), staffId: task.staffId, kind: task.kind, subjectId: task.subjectId, openedAt: nowIso })), manager);
      }
      await this.writer.toPeople(
        manager,
        opened.map((task) => ({ news: { staffId: task.staffId, kind: task.kind, subjectType: task.subjectType, subjectId: task.subjectId, title: task.title, subject: TASK_MAIL_SUBJECT[task.kind], path: task.path }, cause })),
      );
    }
  }

  /** The author's news of each post that reached a status they hear of (published, failed...), read for all the changes at once. */
  private async tellAuthors(manager: EntityManager, events: DomainEvent[]): Promise<void> {
    const told = events.flatMap((event) => {
      const to = event.details?.to;
      const news = event.subjectType === 'draft' && event.subjectId && typeof to === 'string' && event.details?.from !== to ? AUTHOR_NEWS[to] : undefined;
      return news ? [{ draftId: event.subjectId!, news, cause: event.entry }] : [];
    });
    if (told.length === 0) return;
    const drafts = new Map(
      (await this.drafts.whoseNewsIn([...new Set(told.map(({ draftId }) => draftId))], manager)).map((draft) => [draft.id, draft]),
    );
    // An author who owns the post has just been told by its fix_draft task: one mail, not two.
    const changesRequested = told.filter(({ news, draftId }) => news.kind === 'post_changes_requested' && drafts.has(draftId)).map(({ draftId }) => draftId);
    const fixing = changesRequested.length === 0 ? [] : await this.notices.toldOf('fix_draft', changesRequested, manager);
    const toldByTask = new Set(fixing.map((notice) => key(notice.staffId, notice.subjectId)));
    const news = told.filter(({ draftId, news }) => drafts.has(draftId) && !(news.kind === 'post_changes_requested' && toldByTask.has(key(drafts.get(draftId)!.authorId, draftId))));
    if (news.length === 0) return;
    const accountIds = [...new Set(news.map(({ draftId }) => drafts.get(draftId)!.accountId))];
    const accounts = new Map((await this.accounts.findByIds(accountIds, ['id', 'name'], manager)).map((account) => [account.id, account.name]));
    await this.writer.toPeople(
      manager,
      news.map(({ draftId, news, cause }) => {
        const draft = drafts.get(draftId)!;
        return {
          news: { staffId: draft.authorId, kind: news.kind, subjectType: 'draft', subjectId: draft.id, title: news.title(accounts.get(draft.accountId) ?? 'an account'), subject: news.subject, path: `/drafts/${draft.id}` },
          cause,
        };
      }),
    );
  }
}
