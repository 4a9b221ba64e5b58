import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/generic-errors';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { Transactions } from '../common/database/transactions';
import { AuditEntry } from './audit-entry.entity';
import { newestEntry } from './audit-chain-reader';
import { Checkpoint } from './audit-signatures';
import { AuditSigner } from './audit-signer';
import { CheckpointFile } from './checkpoint-file';
import { signLegacyEntries } from './legacy-signing';

/** API.md section 12: at least every 10 minutes while entries are being written. */
export const CHECKPOINT_INTERVAL_MS = 10 * 60_000;
const TICK_MS = 60_000;
const TICK_NAME = 'gatehouse:audit-checkpoint';

/**
 * Signs checkpoints of the chain and appends them to the checkpoint file and the log. A checkpoint
 * only ever names a committed entry: the one kicked by a write reads the head in a transaction of
 * its own, after the writer's.
 */
@Injectable()
export class AuditCheckpoints implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditCheckpoints');
  readonly file: CheckpointFile;
  private last: { id: number; at: string } | null = null;
  private pending: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly signer: AuditSigner,
    private readonly clock: Clock,
    private readonly registry: SchedulerRegistry,
  ) {
    this.file = new CheckpointFile(config.auditCheckpointFile);
  }

  async onModuleInit(): Promise<void> {
    this.file.ensureWritable();
    const known = (await this.file.readAll()).filter((checkpoint) => this.signer.checkpointHolds(checkpoint));
    if (known.length === 0) {
      const legacy = await signLegacyEntries(this.dataSource, this.transactions, this.signer);
      if (legacy.signed > 0) this.logger.log(`Signed ${legacy.signed} audit entries written before signing`);
      if (legacy.brokenAtId !== null) this.logger.error(`The audit chain was already broken at entry ${legacy.brokenAtId} before signing; entries from there on stay unsigned`);
      await this.checkpointHead();
    } else {
      const newest = known.reduce((a, b) => (b.at > a.at ? b : a));
      this.last = { id: newest.id, at: newest.at };
    }
    if (this.config.scheduledJobs) {
      const timer = setInterval(() => void this.checkpointHeadIfDue().catch((error) => this.logger.error({ err: error }, 'Audit checkpoint failed')), TICK_MS);
      this.registry.addInterval(TICK_NAME, timer);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', TICK_NAME)) this.registry.deleteInterval(TICK_NAME);
    await this.settled();
  }

  /** Resolves once a checkpoint kicked by a write has been written (or there is none under way). */
  async settled(): Promise<void> {
    await this.pending;
  }

  /** Signs a checkpoint of this (committed) entry, appends it to the file and writes it to the log. */
  issue(entry: { id: number; hash: string }): Checkpoint {
    const checkpoint = this.signer.checkpoint(entry.id, entry.hash, this.clock.nowIso());
    this.file.append(checkpoint);
    this.logger.log({ auditCheckpoint: checkpoint }, `Audit checkpoint at entry ${checkpoint.id}`);
    if (this.last === null || checkpoint.at >= this.last.at) this.last = { id: checkpoint.id, at: checkpoint.at };
    return checkpoint;
  }

  /** A receipt for the newest entry, as GET /audit/head hands it out (and, like every checkpoint, in the file). */
  async receipt(): Promise<Checkpoint> {
    const head = await this.transactions.run((manager) => newestEntry(manager));
    if (head === null) throw new NotFoundError('audit entry');
    return this.issue(head);
  }

  /**
   * Issues a checkpoint of an entry read outside a transaction, once it is sure to be committed: on
   * SQLite such a read shares the one connection and can see a writer's entry before it commits (or
   * rolls back), and a checkpoint of an entry that never was would read as a truncation forever after.
   */
  async issueCommitted(entry: { id: number; hash: string }): Promise<Checkpoint | null> {
    const stored = await this.transactions.run((manager) => manager.getRepository(AuditEntry).findOne({ where: { id: entry.id }, select: { id: true, hash: true } }));
    return stored?.hash === entry.hash ? this.issue(entry) : null;
  }

  /** Called for each entry written (inside the writer's transaction): kicks a checkpoint when one is due. */
  noteWrite(): void {
    if (this.pending || !this.isDue()) return;
    this.pending = this.checkpointHead()
      .then(
        () => undefined,
        (error) => this.logger.error({ err: error }, 'Audit checkpoint failed'),
      )
      .finally(() => (this.pending = null));
  }

  /** The scheduled tick: entries written (by any instance) since the last checkpoint, and it is due. */
  async checkpointHeadIfDue(): Promise<Checkpoint | null> {
    if (!this.isDue()) return null;
    return this.checkpointHead();
  }

  private async checkpointHead(): Promise<Checkpoint | null> {
    // Through Transactions: on SQLite this waits for the writer's transaction to commit.
    const head = await this.transactions.run((manager) => newestEntry(manager));
    if (head === null || head.id === this.last?.id) return null;
    return this.issue(head);
  }

  private isDue(): boolean {
    return this.last === null || Date.parse(this.clock.nowIso()) - Date.parse(this.last.at) >= CHECKPOINT_INTERVAL_MS;
  }
}
