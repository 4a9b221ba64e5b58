import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';
import { translateUniqueViolation } from './unique-keys';

const UNIQUE_COLLISION_ATTEMPTS = 3;

export type AfterCommit = () => Promise<void> | void;

/** Named keys for PostgreSQL transaction-scoped advisory locks. */
export enum LockKey {
  AuditChain = 1,
  BootstrapAdmin = 2,
  AdminRoster = 3,
  ContentRules = 4,
}

/**
 * The one way services open a transaction. SQLite has a single connection, so transactions are
 * queued in-process (a second BEGIN would fail or, worse, join the first), and each takes the write
 * lock when it begins (BEGIN IMMEDIATE): another process on the same file then waits its turn (busy
 * timeout) instead of failing with SQLITE_BUSY when a read-then-write transaction upgrades its lock.
 * PostgreSQL runs them concurrently and rules take row or advisory locks where they must see a stable state.
 */
@Injectable()
export class Transactions {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly afterCommitOf = new WeakMap<EntityManager, AfterCommit[]>();
  private readonly logger = new Logger(Transactions.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly host: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** The current transaction's manager, carried by CLS, or the plain one outside a transaction. */
  get manager(): EntityManager {
    return this.host.tx;
  }

  get inTransaction(): boolean {
    return this.host.isTransactionActive();
  }

  /**
   * Runs `fn` once the transaction that `manager` belongs to has committed (never if it rolls back);
   * at once when `manager` is not a transaction's. A failing listener is logged: the change stands.
   */
  afterCommit(manager: EntityManager, fn: AfterCommit): void {
    const queue = this.afterCommitOf.get(manager);
    if (queue) queue.push(fn);
    else void this.runAfterCommit([fn]);
  }

  get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  /**
   * Runs `work` in a transaction. A unique-constraint collision with a concurrent request runs it again:
   * the other request has committed by then, so the rule's own check sees its row and answers. A collision
   * that repeats gets the unique key's answer (unique-keys.ts).
   */
  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    // Inside a transaction already: join it, so a service calling another commits or rolls back as one.
    if (this.host.isTransactionActive()) return work(this.host.tx);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(work);
      } catch (error) {
        const answer = translateUniqueViolation(error);
        if (!answer) throw error;
        if (attempt >= UNIQUE_COLLISION_ATTEMPTS) throw answer;
      }
    }
  }

  private async runOnce<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const queue: AfterCommit[] = [];
    const inTransaction = () =>
      this.host.withTransaction(() => {
        const manager = this.host.tx;
        this.afterCommitOf.set(manager, queue);
        return work(manager);
      });
    const result = await (this.isPostgres ? inTransaction() : this.serially(inTransaction));
    await this.runAfterCommit(queue);
    return result;
  }

  private async serially<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    try {
      await previous;
      beginImmediately(this.dataSource);
      return await work();
    } finally {
      release();
    }
  }

  private async runAfterCommit(queue: AfterCommit[]): Promise<void> {
    for (const fn of queue) {
      try {
        await fn();
      } catch (error) {
        this.logger.error({ err: error }, 'A listener after commit failed');
      }
    }
  }

  /** Serialises transactions that take the same key until they commit (no-op on SQLite, already serial). */
  async lock(manager: EntityManager, key: LockKey): Promise<void> {
    if (manager.connection.options.type === 'postgres') {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [key]);
    }
  }

  /** A row by id, held against concurrent writers until the transaction ends when `forUpdate` (what rules load). */
  findById<E extends ObjectLiteral & { id: string }>(manager: EntityManager, entity: EntityTarget<E>, id: string, options: { forUpdate: boolean }): Promise<E | null> {
    if (options.forUpdate) return this.findForUpdate(manager, entity, id);
    return manager.getRepository(entity).findOneBy({ id } as never);
  }

  /** Reads a row and holds it against concurrent writers until the transaction ends. */
  async findForUpdate<E extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<E>, id: string): Promise<E | null> {
    const query = manager.getRepository(entity).createQueryBuilder('row').where('row.id = :id', { id });
    if (manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
    return query.getOne();
  }
}

const IMMEDIATE_BEGIN = new WeakSet<QueryRunner>();

/** The sqlite driver hands every caller one shared runner; it is taught, once, to BEGIN IMMEDIATE. */
function beginImmediately(dataSource: DataSource): void {
  const runner = dataSource.createQueryRunner();
  if (IMMEDIATE_BEGIN.has(runner)) return;
  const query = runner.query.bind(runner);
  runner.query = ((sql: string, ...rest: unknown[]) => query(sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql, ...(rest as []))) as typeof runner.query;
  IMMEDIATE_BEGIN.add(runner);
}
