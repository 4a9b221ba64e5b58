import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Permission } from '../auth/permissions';
import { ResourceRules } from '../common/access/resource-rules';
import { DomainError } from '../common/errors/domain-error';
import { Clock } from '../common/clock';
import { CONNECTION_LIFECYCLE } from './connection-lifecycle';
import { Connection } from './connection.entity';
import { ConnectionsRepository } from './connections.repository';
import { isOverdue } from './connection.view';

export const CONNECTION_ACTIONS = ['choose'] as const;
export type ConnectionRuleAction = (typeof CONNECTION_ACTIONS)[number];

/**
 * What may be done to a connection: `choose` one of its candidates (create an account from it, or
 * reconnect one), once, while it is authorised and not past its deadline.
 */
@Injectable()
export class ConnectionRules implements ResourceRules<Connection, ConnectionRuleAction, null> {
  readonly type = 'connection';
  readonly actions = { choose: Permission.ConnectionChoose } as const;

  constructor(
    private readonly connections: ConnectionsRepository,
    private readonly clock: Clock,
  ) {}

  load(manager: EntityManager, id: string, options: { forUpdate: boolean }): Promise<Connection | null> {
    return options.forUpdate ? this.connections.findForUpdate(id, manager) : this.connections.find(id, manager);
  }

  async facts(): Promise<null> {
    return null;
  }

  /** Connections are an admin's tool; the routes admit admins only. */
  visible(): boolean {
    return true;
  }

  refusal(_caller: unknown, _action: ConnectionRuleAction, connection: Connection): DomainError | null {
    // Past its deadline it counts as expired even before the sweep has marked it.
    const status = isOverdue(connection, this.clock.nowIso()) ? 'expired' : connection.status;
    return CONNECTION_LIFECYCLE.can(status, 'use') ? null : CONNECTION_LIFECYCLE.refusal(status, 'use');
  }
}
