import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditEntry } from '../../audit/audit-entry.entity';
import { AuditRecord, AuditTrail } from '../../audit/audit-trail.service';
import { Transactions } from '../database/transactions';
import { Clock } from '../clock';
import { DomainEvent, DomainEvents } from '../domain-events';
import { InvalidStateError } from '../errors/generic-errors';
import { AppliedTransition, Lifecycle, LifecycleSubject } from '../lifecycle/lifecycle';

export interface Change<E> {
  actorId: string | null;
  /** Recorded in the audit entry (and the history row, where the lifecycle keeps one). */
  details?: Record<string, unknown>;
  /** Other columns the transition sets along with the status (a reason, a timestamp). */
  set?: Partial<E>;
  /**
   * The entry of the change this one follows from (a draft withdrawn because its account closed).
   * A request writes one entry of its own; every other entry it writes names that one.
   */
  cause?: AuditEntry;
  /** What history and audit call this, when not the action's usual name (`reconciled_published`). */
  as?: string;
}

const SET_BATCH = 500;

/**
 * The one way to change state. A transition is checked against its lifecycle, then the status, the
 * history row and the audit entry are written in the caller's transaction; listeners hear of it in the
 * transaction (what they write commits with it) and again after commit. There is no other way to write
 * an audit entry, so a state change cannot forget it.
 */
@Injectable()
export class WritePath {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  /** A new subject entered its lifecycle (the caller inserted it, in its initial state). */
  async created<S extends string, A extends string, E extends LifecycleSubject<S>>(
    manager: EntityManager,
    lifecycle: Lifecycle<S, A, E>,
    subject: E,
    change: Change<E>,
  ): Promise<AuditEntry> {
    const [entry] = await this.createdMany(manager, lifecycle, [{ subject, change }]);
    return entry;
  }

  /** Many new rows entering their lifecycle at once (mail for many people), each with its own change: one write of each kind. */
  async createdMany<S extends string, A extends string, E extends LifecycleSubject<S>>(
    manager: EntityManager,
    lifecycle: Lifecycle<S, A, E>,
    items: { subject: E; change: Change<E> }[],
  ): Promise<AuditEntry[]> {
    if (items.length === 0) return [];
    for (const { subject } of items) {
      if (subject.status !== lifecycle.initial) throw new Error(`A new ${lifecycle.subjectType} must start ${lifecycle.initial}, not ${subject.status}`);
    }
    return this.written(manager, lifecycle, items.map(({ subject, change }) => ({ subject, from: null, to: subject.status, happened: change.as ?? 'created', change })));
  }

  /**
   * Something that happened to a subject without moving it (consent refused, a retry scheduled): history
   * and audit only. A name that is one of the lifecycle's actions is refused, so no move hides here.
   */
  async note<S extends string, A extends string, E extends LifecycleSubject<S>>(
    manager: EntityManager,
    lifecycle: Lifecycle<S, A, E>,
    subject: E,
    happened: string,
    change: Omit<Change<E>, 'set' | 'as'>,
  ): Promise<AuditEntry> {
    refuseMoveNamed(lifecycle, happened, 'transition');
    const [entry] = await this.written(manager, lifecycle, [{ subject, from: subject.status, to: subject.status, happened, change }]);
    return entry;
  }

  /** The same happening to many subjects at once (a leaver's drafts handed on): history and audit, set-based. */
  async noteMany<S extends string, A extends string, E extends LifecycleSubject<S>>(
    manager: EntityManager,
    lifecycle: Lifecycle<S, A, E>,
    subjects: E[],
    happened: string,
    change: Omit<Change<E>, 'set' | 'as'>,
  ): Promise<AuditEntry[]> {
    if (subjects.length === 0) return [];
    refuseMoveNamed(lifecycle, happened, 'transitionMany');
    return this.written(manager, lifecycle, subjects.map((subject) => ({ subject, from: subject.status, to: subject.status, happened, change })));
  }

  /** Applies `action` to one subject the caller holds (read for update); the subject is updated in place. */
  async transition<S extends string, A extends string, E extends LifecycleSubject<S>>(
    manager: EntityManager,
    lifecycle: Lifecycle<S, A, E>,
    subject: E,
    action: A,
    change: Change<E>,
  ): Promise<AuditEntry> {
    const [entry] = await this.transitionMany(manager, lifecycle, [subject], action, change);
    return entry;
  }

  /**
   * Applies `action` to every subject, set-based: one UPDATE per state moved from, a history row and an
   * audit entry per subject. Every subject must allow the move, or nothing is written.
   */
  async transitionMany<S extends string, A extends string, E extends LifecycleSubject<S>>(
    manager: EntityManager,
    lifecycle: Lifecycle<S, A, E>,
    subjects: E[],
    action: A,
    change: Change<E>,
  ): Promise<AuditEntry[]> {
    if (subjects.length === 0) return [];
    const happened = change.as ?? lifecycle.happenedName(action);
    const moves = subjects.map((subject) => ({ subject, from: subject.status, to: lifecycle.next(subject.status, action), happened, change }));
    const byMove = new Map<string, typeof moves>();
    for (const move of moves) byMove.set(`${move.from}>${move.to}`, [...(byMove.get(`${move.from}>${move.to}`) ?? []), move]);
    const repository = manager.getRepository(lifecycle.entity);
    for (const group of byMove.values()) {
      const { from, to } = group[0];
      for (let i = 0; i < group.length; i += SET_BATCH) {
        const ids = group.slice(i, i + SET_BATCH).map((move) => move.subject.id);
        // The status it was read in is part of the match: a subject moved meanwhile is a conflict, not overwritten.
        const result = await repository.update({ id: In(ids), status: from } as never, { ...(change.set ?? {}), status: to } as never);
        if (result.affected !== undefined && result.affected !== ids.length) {
          throw new InvalidStateError(`The ${lifecycle.subjectType} changed while this was being done; look again and retry.`, { status: from, action });
        }
      }
    }
    for (const move of moves) Object.assign(move.subject, change.set ?? {}, { status: move.to });
    return this.written(manager, lifecycle, moves);
  }

  /** A change with no lifecycle (a setting, a preference, a sign-in): its audit entry alone. */
  async record(manager: EntityManager, record: AuditRecord & { cause?: AuditEntry }): Promise<AuditEntry> {
    const { cause, ...rest } = record;
    const [entry] = await this.audit.recordMany(manager, [withCause(rest, cause)]);
    this.emitAfterCommit(manager, [rest]);
    return entry;
  }

  /** Several changes with no lifecycle, each following from `cause` (a leaver's sessions, one per session). */
  async recordMany(manager: EntityManager, records: AuditRecord[], cause: AuditEntry): Promise<AuditEntry[]> {
    const entries = await this.audit.recordMany(manager, records.map((record) => withCause(record, cause)));
    this.emitAfterCommit(manager, records);
    return entries;
  }

  private async written<S extends string, A extends string, E extends LifecycleSubject<S>>(
    manager: EntityManager,
    lifecycle: Lifecycle<S, A, E>,
    moves: { subject: E; from: S | null; to: S; happened: string; change: Change<E> }[],
  ): Promise<AuditEntry[]> {
    const at = this.clock.nowIso();
    const applied: AppliedTransition<S, A, E>[] = moves.map(({ change, ...move }) => ({ ...move, actorId: change.actorId, at, details: change.details ?? {} }));
    if (lifecycle.history) await lifecycle.history(manager, applied);
    const records: AuditRecord[] = moves.map((move, index) => {
      const about = lifecycle.auditSubject(move.subject);
      return { actorId: move.change.actorId, action: lifecycle.auditAction(move.happened), subjectType: about.type, subjectId: about.id, details: { from: move.from, to: move.to, ...applied[index].details } };
    });
    const entries = await this.audit.recordMany(manager, records.map((record, index) => withCause(record, moves[index].change.cause)));
    this.emitAfterCommit(manager, records);
    return entries;
  }

  private emitAfterCommit(manager: EntityManager, records: DomainEvent[]): void {
    this.transactions.afterCommit(manager, async () => {
      for (const record of records) await this.events.publishCommitted(record);
    });
  }
}

function withCause(record: AuditRecord, cause: AuditEntry | undefined): AuditRecord {
  return cause ? { ...record, details: { ...(record.details ?? {}), causedBy: cause.id } } : record;
}

/** A note named like one of the lifecycle's moves would hide that move without making it: a bug in the caller. */
function refuseMoveNamed<S extends string, A extends string, E extends LifecycleSubject<S>>(lifecycle: Lifecycle<S, A, E>, happened: string, instead: string): void {
  if (lifecycle.transitions.some((t) => t.action === happened || lifecycle.happenedName(t.action) === happened)) {
    throw new Error(`"${happened}" is a transition of the ${lifecycle.subjectType} lifecycle; apply it with ${instead}()`);
  }
}
