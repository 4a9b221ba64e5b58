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

/** Hears the changes written together (a leaver's drafts) at once, so it answers them in a fixed number of queries. */
export type DomainEventsListener = (manager: EntityManager, events: DomainEvent[]) => Promise<void>;
export type CommittedEventListener = (event: DomainEvent) => Promise<void> | void;

/**
 * Tells listeners about a change: inside the transaction that makes it (`subscribe`: what they write
 * commits or rolls back with the change, as mail's outbox does), and once it has committed
 * (`subscribeCommitted`: for what must not happen for a change that rolls back). Published by the write
 * path, once for the changes it writes together: a set-based change of N subjects is one call per listener.
 */
@Injectable()
export class DomainEvents {
  private readonly listeners: DomainEventsListener[] = [];
  private readonly lastListeners: DomainEventsListener[] = [];
  private readonly committedListeners: CommittedEventListener[] = [];

  /** Heard first: what completes the change itself (the consent requests a revision made enter their lifecycle). */
  subscribe(listener: DomainEventsListener): void {
    this.listeners.push(listener);
  }

  /** Heard after every `subscribe` listener, so it sees the change complete (tasks and their mail). */
  subscribeLast(listener: DomainEventsListener): void {
    this.lastListeners.push(listener);
  }

  subscribeCommitted(listener: CommittedEventListener): void {
    this.committedListeners.push(listener);
  }

  async publishCommitted(event: DomainEvent): Promise<void> {
    for (const listener of this.committedListeners) await listener(event);
  }

  /** Changes written in one go: each listener hears them all at once, never once per change. */
  async publishMany(manager: EntityManager, events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const listener of [...this.listeners, ...this.lastListeners]) await listener(manager, events);
  }
}
