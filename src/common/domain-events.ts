import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A state change, as its audit entry describes it. */
export interface DomainEvent {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details?: Record<string, unknown>;
}

export type DomainEventListener = (manager: EntityManager, event: DomainEvent) => Promise<void>;

/**
 * Tells listeners about a change inside the transaction that makes it, so what they write commits or
 * rolls back with the change. Published once per audited change (see AuditTrail.record).
 */
@Injectable()
export class DomainEvents {
  private readonly listeners: DomainEventListener[] = [];

  subscribe(listener: DomainEventListener): void {
    this.listeners.push(listener);
  }

  async publish(manager: EntityManager, event: DomainEvent): Promise<void> {
    for (const listener of this.listeners) await listener(manager, event);
  }
}
