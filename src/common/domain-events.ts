import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuditEntry } from '../audit/audit-entry.entity';

/** A state change, as its audit entry describes it. */
export interface DomainEvent {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details?: Record<string, unknown>;
  /** The entry written for it, when heard in its transaction: what the listener writes follows from it (`cause`). */
  entry?: AuditEntry;
}

export type DomainEventListener = (manager: EntityManager, event: DomainEvent) => Promise<void>;
/** Hears the changes written together (a leaver's drafts) at once, so it can answer them set-based. */
export type DomainEventsListener = (manager: EntityManager, events: DomainEvent[]) => Promise<void>;
export type CommittedEventListener = (event: DomainEvent) => Promise<void> | void;

/**
 * Tells listeners about a change: inside the transaction that makes it (`subscribe`: what they write
 * commits or rolls back with the change, as mail's outbox does), and once it has committed
 * (`subscribeCommitted`: for what must not happen for a change that rolls back). Published once per
 * audited change, by the write path.
 */
@Injectable()
export class DomainEvents {
  private readonly listeners: DomainEventListener[] = [];
  private readonly committedListeners: CommittedEventListener[] = [];
  private readonly batchListeners: DomainEventsListener[] = [];

  subscribe(listener: DomainEventListener): void {
    this.listeners.push(listener);
  }

  subscribeMany(listener: DomainEventsListener): void {
    this.batchListeners.push(listener);
  }

  subscribeCommitted(listener: CommittedEventListener): void {
    this.committedListeners.push(listener);
  }

  async publishCommitted(event: DomainEvent): Promise<void> {
    for (const listener of this.committedListeners) await listener(event);
  }

  async publish(manager: EntityManager, event: DomainEvent): Promise<void> {
    await this.publishMany(manager, [event]);
  }

  /** Changes written in one go: each listener per change, each batch listener once for them all. */
  async publishMany(manager: EntityManager, events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const event of events) for (const listener of this.listeners) await listener(manager, event);
    for (const listener of this.batchListeners) await listener(manager, events);
  }
}
