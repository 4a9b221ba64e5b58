import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';

export type StoredEntry = Pick<AuditEntry, 'id' | 'at' | 'actorId' | 'action' | 'subjectType' | 'subjectId' | 'details' | 'prevHash' | 'hash' | 'signature'>;

const COLUMNS = ['id', 'at', 'actorId', 'action', 'subjectType', 'subjectId', 'details', 'prevHash', 'hash', 'signature'] as const;
export const CHAIN_BATCH = 10_000;

/**
 * The stored entries oldest first, in keyset batches of plain rows (no entity hydration), so a
 * million entries stream through in bounded memory.
 */
export async function* readChain(dataSource: DataSource, afterId = 0, batchSize = CHAIN_BATCH): AsyncGenerator<StoredEntry[]> {
  let after = afterId;
  for (;;) {
    const rows = await readBatch(dataSource, after, batchSize);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1].id;
  }
}

async function readBatch(dataSource: DataSource, after: number, batchSize: number): Promise<StoredEntry[]> {
  const builder = dataSource.getRepository(AuditEntry).createQueryBuilder('e').select('e.id', 'id');
  for (const column of COLUMNS.slice(1)) builder.addSelect(`e.${column}`, column);
  const rows = await builder.where('e.id > :after', { after }).orderBy('e.id', 'ASC').limit(batchSize).getRawMany<StoredEntry>();
  for (const row of rows) row.id = Number(row.id);
  return rows;
}

export async function newestEntry(manager: EntityManager): Promise<StoredEntry | null> {
  const [head] = await manager.getRepository(AuditEntry).find({ order: { id: 'DESC' }, take: 1 });
  return head ?? null;
}
