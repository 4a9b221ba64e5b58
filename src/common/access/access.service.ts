import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Caller } from '../../auth/caller';
import { Permission, rolesGrant } from '../../auth/permissions';
import { Transactions } from '../database/transactions';
import { ForbiddenError, NotFoundError } from '../errors/generic-errors';
import { ResourceRules } from './resource-rules';

type AnyRules = ResourceRules<{ id: string }, string, unknown>;

/**
 * The one access check. Services call `require` before acting and `allowedActions` when building a
 * view; both read the same rules, so what a view offers is what the service accepts. Routes declare
 * their role rule too (AccessGuard), so nothing is reachable that declares none.
 */
@Injectable()
export class Access {
  private readonly rules = new Map<string, AnyRules>();
  private readonly actionOf = new Map<Permission, { rules: AnyRules; action: string }>();

  constructor(private readonly transactions: Transactions) {}

  register<R extends { id: string }, A extends string, F, V extends string = never>(rules: ResourceRules<R, A, F, V>): void {
    if (this.rules.has(rules.type)) throw new Error(`Access rules for ${rules.type} are registered twice`);
    this.rules.set(rules.type, rules as unknown as AnyRules);
    for (const [action, permission] of Object.entries({ ...rules.actions, ...rules.reads }) as [string, Permission][]) {
      if (this.actionOf.has(permission)) throw new Error(`Permission ${permission} is the rule of two actions`);
      this.actionOf.set(permission, { rules: rules as unknown as AnyRules, action });
    }
  }

  /** 403 unless one of the caller's roles grants `permission`. */
  requireRole(caller: Caller, permission: Permission): void {
    if (!rolesGrant(caller.roles, permission)) throw new ForbiddenError();
  }

  /**
   * The resource, once the caller may take `action` on it: 404 when they may not know it exists, 403 when
   * no role of theirs grants the action, and the rule's own refusal otherwise. Inside a transaction the
   * row is read for update, so the decision holds until commit.
   */
  async require<R extends { id: string }>(caller: Caller, permission: Permission, id: string, manager: EntityManager = this.transactions.manager): Promise<R> {
    const target = this.actionOf.get(permission);
    if (!target) throw new Error(`No resource action is governed by ${permission}`);
    const { rules, action } = target;
    const type = rules.type;
    const row = await rules.load(manager, id, { forUpdate: this.transactions.inTransaction });
    const facts = row ? await rules.facts(manager, caller, [row]) : undefined;
    if (!row || !rules.visible(caller, row, facts)) throw new NotFoundError(type);
    if (!rolesGrant(caller.roles, permission)) throw new ForbiddenError();
    const refusal = rules.refusal(caller, action, row, facts);
    if (refusal) throw refusal;
    return row as R;
  }

  /** The resource if the caller may see it, else 404. */
  async requireVisible<R extends { id: string }>(caller: Caller, type: string, id: string, manager: EntityManager = this.transactions.manager): Promise<R> {
    const rules = this.rulesOf(type);
    const row = await rules.load(manager, id, { forUpdate: this.transactions.inTransaction });
    if (!row || !rules.visible(caller, row, await rules.facts(manager, caller, [row]))) throw new NotFoundError(type);
    return row as R;
  }

  /** What the rules know of these rows beyond the rows themselves, for a view that shows some of it too. */
  facts<F>(caller: Caller, type: string, rows: { id: string }[], manager: EntityManager = this.transactions.manager): Promise<F> {
    return this.rulesOf(type).facts(manager, caller, rows) as Promise<F>;
  }

  /**
   * For each row, the actions the caller may take on it now, in the order the rules list them. `known` are
   * the rows' facts when the caller has just read them (`facts`), so that they are not read twice.
   */
  async allowedActions<R extends { id: string }>(caller: Caller, type: string, rows: R[], manager: EntityManager = this.transactions.manager, known?: unknown): Promise<Map<string, string[]>> {
    const rules = this.rulesOf(type);
    const result = new Map<string, string[]>();
    if (rows.length === 0) return result;
    const facts = known ?? (await rules.facts(manager, caller, rows));
    const actions = Object.entries(rules.actions) as [string, Permission][];
    withoutStacks(() => {
      for (const row of rows) {
        const allowed: string[] = [];
        if (rules.visible(caller, row, facts)) {
          for (const [action, permission] of actions) {
            if (rolesGrant(caller.roles, permission) && rules.refusal(caller, action, row, facts) === null) allowed.push(action);
          }
        }
        result.set(row.id, allowed);
      }
    });
    return result;
  }

  private rulesOf(type: string): AnyRules {
    const rules = this.rules.get(type);
    if (!rules) throw new Error(`No access rules for ${type}`);
    return rules;
  }
}

/**
 * Runs `fn` (synchronous) with stack capture off: the refusals a view's actions are computed from are only
 * tested for null, and capturing a stack for each one cost more than the whole rule (10% of a list's time).
 */
function withoutStacks(fn: () => void): void {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
