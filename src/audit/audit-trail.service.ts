import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainEvents } from '../common/domain-events';
import { LockKey, Transactions } from '../common/database/transactions';
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

const INSERT_BATCH = 100;

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
    const [entry] = await this.recordMany(manager, [record]);
    return entry;
  }

  /** Appends several entries under one turn of the chain lock (a set-based change writes one per subject). */
  async recordMany(manager: EntityManager, records: AuditRecord[]): Promise<AuditEntry[]> {
    if (records.length === 0) return [];
    // The chain is linear: concurrent writers must take turns between reading the head and appending.
    await this.transactions.lock(manager, LockKey.AuditChain);
    const repository = manager.getRepository(AuditEntry);
    let [head] = await repository.find({ order: { id: 'DESC' }, take: 1 });
    const at = this.clock.nowIso();
    const entries = records.map((record) => {
      const entry = repository.create({
        id: (head?.id ?? 0) + 1,
        at,
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
      head = entry;
      return entry;
    });
    for (let i = 0; i < entries.length; i += INSERT_BATCH) await repository.insert(entries.slice(i, i + INSERT_BATCH));
    this.checkpoints.noteWrite();
    // Every state change passes here once, in its transaction: listeners (mail) commit or roll back with it.
    await this.events.publishMany(manager, records.map((record, i) => ({ ...record, entry: entries[i] })));
    return entries;
  }
}
