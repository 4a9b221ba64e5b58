import { EntityManager, EntityTarget } from 'typeorm';
import { DomainError } from '../errors/domain-error';
import { StateMachine, Transition } from './state-machine';

/** A row whose status a lifecycle governs. */
export interface LifecycleSubject<S extends string> {
  id: string;
  status: S;
}

/** One applied transition, as its history row records it. */
export interface AppliedTransition<S extends string, A extends string, E extends LifecycleSubject<S>> {
  subject: E;
  from: S | null;
  to: S;
  /** What happened, as history and audit name it: `submitted`, `reconciled_published`, `consent_refused`. */
  happened: string;
  actorId: string | null;
  at: string;
  details: Record<string, unknown>;
}

/**
 * Writes a lifecycle's own history table (drafts keep one; most lifecycles have only the audit trail),
 * in the transaction of the transition.
 */
export type HistoryWriter<S extends string, A extends string, E extends LifecycleSubject<S>> = (
  manager: EntityManager,
  applied: AppliedTransition<S, A, E>[],
) => Promise<void>;

export interface LifecycleSpec<S extends string, A extends string, E extends LifecycleSubject<S>> {
  /** The audit trail's subject type, e.g. `draft`; an audit action defaults to `<subjectType>.<action>`. */
  subjectType: string;
  entity: EntityTarget<E>;
  states: readonly S[];
  initial: S;
  transitions: readonly Transition<S, A>[];
  refusal: (from: S, action: A) => DomainError;
  history?: HistoryWriter<S, A, E>;
  /** What history and audit call an action when it is not the action's own name (`submit` -> `submitted`). */
  happenedNames?: Partial<Record<A, string>>;
  /** Whom the audit entry is about, when not the row itself (a DPIA version is audited on its account). */
  auditSubject?: (subject: E) => { type: string; id: string };
}

/**
 * A lifecycle bound to the table it governs, with its history and the names of what happens. Built at module load, so a table that is not valid
 * stops the start; every lifecycle registers itself so one test checks them all.
 */
export class Lifecycle<S extends string, A extends string, E extends LifecycleSubject<S> = LifecycleSubject<S>> extends StateMachine<S, A> {
  static readonly all: Lifecycle<string, string, LifecycleSubject<string>>[] = [];

  readonly subjectType: string;
  readonly entity: EntityTarget<E>;
  readonly history?: HistoryWriter<S, A, E>;
  private readonly happenedNames: Partial<Record<A, string>>;
  private readonly auditSubjectOf?: (subject: E) => { type: string; id: string };

  constructor(spec: LifecycleSpec<S, A, E>) {
    super(spec.subjectType, spec.states, spec.initial, spec.transitions, spec.refusal);
    this.subjectType = spec.subjectType;
    this.entity = spec.entity;
    this.history = spec.history;
    this.happenedNames = spec.happenedNames ?? {};
    this.auditSubjectOf = spec.auditSubject;
    Lifecycle.all.push(this as unknown as Lifecycle<string, string, LifecycleSubject<string>>);
  }

  happenedName(action: A): string {
    return this.happenedNames[action] ?? action;
  }

  /** The subject type and id an audit entry about `subject` names. */
  auditSubject(subject: E): { type: string; id: string } {
    return this.auditSubjectOf?.(subject) ?? { type: this.subjectType, id: subject.id };
  }

  /** The audit action for what happened: `<subjectType>.<happened>`, e.g. `draft.submitted`. */
  auditAction(happened: string): string {
    return `${this.subjectType}.${happened}`;
  }

  /** Whether a subject is in one of `states`: the one way code outside the lifecycle asks about a status. */
  is(subject: { status: S } | S, ...states: S[]): boolean {
    const status = typeof subject === 'string' ? subject : subject.status;
    return states.includes(status);
  }

  /** The states a subject can still leave, for queries over what is still open. */
  openStates(): S[] {
    return this.states.filter((state) => !this.isFinal(state));
  }

  /** The states from which `action` is allowed, for set-based queries. */
  statesAllowing(action: A): S[] {
    return this.states.filter((state) => this.can(state, action));
  }
}
