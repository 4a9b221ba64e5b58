import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { keysetPage, Page } from '../common/pagination';
import { AuditEntry } from './audit-entry.entity';
import { newestEntry, readChain, StoredEntry } from './audit-chain-reader';
import { AuditQuery } from './dto/audit-query.dto';

/** A stored entry with its details parsed back from the hashed text. */
export type AuditEntryView = Omit<StoredEntry, 'details'> & { details: unknown };

@Injectable()
export class AuditQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first, keyset-paginated on id. */
  async list(query: AuditQuery): Promise<Page<AuditEntryView>> {
    const builder = this.dataSource.getRepository(AuditEntry).createQueryBuilder('e');
    if (query.subjectType) builder.andWhere('e.subjectType = :subjectType', { subjectType: query.subjectType });
    if (query.subjectId) builder.andWhere('e.subjectId = :subjectId', { subjectId: query.subjectId });
    if (query.actorId) builder.andWhere('e.actorId = :actorId', { actorId: query.actorId });
    if (query.action) builder.andWhere('e.action = :action', { action: query.action });
    if (query.from) builder.andWhere('e.at >= :from', { from: new Date(query.from).toISOString() });
    if (query.to) builder.andWhere('e.at <= :to', { to: new Date(query.to).toISOString() });
    return keysetPage(builder, { columns: ['e.id'], numeric: ['e.id'], direction: 'DESC', of: (row) => [row.id] }, query, (rows) => rows.map(toView));
  }

  /** Entries oldest first as stored (details as the hashed text), in batches, so an export never holds the whole trail in memory. */
  exportBatches(): AsyncGenerator<StoredEntry[]> {
    return readChain(this.dataSource);
  }

  async newest(): Promise<StoredEntry | null> {
    return newestEntry(this.dataSource.manager);
  }
}

export function toView(entry: StoredEntry): AuditEntryView {
  let details: unknown;
  try {
    details = JSON.parse(entry.details);
  } catch {
    details = entry.details;
  }
  return {
    id: entry.id,
    at: entry.at,
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    details,
    prevHash: entry.prevHash,
    hash: entry.hash,
    signature: entry.signature,
  };
}
