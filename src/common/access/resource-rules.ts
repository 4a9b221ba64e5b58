import { EntityManager } from 'typeorm';
import type { Caller } from '../../auth/caller';
import type { Permission } from '../../auth/permissions';
import { DomainError } from '../errors/domain-error';

/**
 * What may be done to one kind of resource (drafts, accounts, DPIAs, ...), written once and used both to
 * refuse an action and to list `allowedActions` in every view of the resource.
 *
 * `F` is what the rules need to know beyond the rows (the caller's authorisations, who was asked for
 * consent): loaded once for a page of rows, so a list costs no query per row.
 */
export interface ResourceRules<R extends { id: string }, A extends string, F = unknown, V extends string = never> {
  /** The name in `access.require(caller, permission, { [type]: id })` and in a 404's message. */
  readonly type: string;
  /** The permission behind each action: its roles are checked before anything else. */
  readonly actions: Readonly<Record<A, Permission>>;
  /**
   * Reads decided like actions (`require` checks them the same way) that no view offers in `allowedActions`:
   * reading is not something a caller does to the resource (an account's sandbox posts).
   */
  readonly reads?: Readonly<Record<V, Permission>>;
  load(manager: EntityManager, id: string, options: { forUpdate: boolean }): Promise<R | null>;
  facts(manager: EntityManager, caller: Caller, rows: R[]): Promise<F>;
  /** Whether the caller may know the row exists; if not, every action on it is a 404. */
  visible(caller: Caller, row: R, facts: F): boolean;
  /** Why the caller may not take `action` on the row now (its state included), or null when they may. */
  refusal(caller: Caller, action: NoInfer<A | V>, row: R, facts: F): DomainError | null;
}
