import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainEvents } from '../common/domain-events';
import { LockKey, Transactions } from '../database/transactions';
import { AuditCheckpoints } from './audit-checkpoints.service';
import { AuditEntry } from './audit-entry.entity';
import { AuditSigner } from './audit-signer';
import { canonicalJson } from './canonical-json';
import { chainHash, GENESIS_HASH } from './hash-chain';
import { scrubSecrets } from './scrub-secrets';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details?: Record<string, unknown>;
}

/** Appends to the hash-chained audit trail inside the caller's transaction. */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly signer: AuditSigner,
    private readonly checkpoints: AuditCheckpoints,
    private readonly events: DomainEvents,
  ) {}

  async record(manager: EntityManager, record: AuditRecord): Promise<AuditEntry> {
    // The chain is linear: concurrent writers must take turns between reading the head and appending.
    await this.transactions.lock(manager, LockKey.AuditChain);
    const repository = manager.getRepository(AuditEntry);
    const [head] = await repository.find({ order: { id: 'DESC' }, take: 1 });
    const entry = repository.create({
      id: (head?.id ?? 0) + 1,
      at: this.clock.nowIso(),
      actorId: record.actorId,
      action: record.action,
      subjectType: record.subjectType,
      subjectId: record.subjectId,
      details: canonicalJson(scrubSecrets(record.details ?? {})),
      prevHash: head?.hash ?? GENESIS_HASH,
    });
    entry.hash = chainHash(entry.prevHash, entry);
    // Signed with a key the database never sees: a database writer can neither append nor rewrite.
    entry.signature = this.signer.signEntry(entry.hash);
    await repository.insert(entry);
    this.checkpoints.noteWrite();
    // Every state change passes here once, in its transaction: listeners (mail) commit or roll back with it.
    await this.events.publish(manager, record);
    return entry;
  }
}
