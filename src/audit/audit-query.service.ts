import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { keysetPage, Page } from '../common/pagination';
import { AuditEntry } from './audit-entry.entity';
import { chainHash, GENESIS_HASH } from './hash-chain';
import { AuditQuery } from './dto/audit-query.dto';

export interface AuditEntryView {
  id: number;
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: unknown;
  prevHash: string;
  hash: string;
}

export type VerifyResult = { valid: true; entries: number } | { valid: false; entries: number; firstBrokenId: number };

const VERIFY_BATCH = 1000;

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

  /** Recomputes the whole chain in id order and names the first entry that does not hold. */
  async verify(): Promise<VerifyResult> {
    const repository = this.dataSource.getRepository(AuditEntry);
    let expectedPrev = GENESIS_HASH;
    let expectedId = 1;
    let entries = 0;
    for (;;) {
      const batch = await repository.find({ where: { id: MoreThan(expectedId - 1) }, order: { id: 'ASC' }, take: VERIFY_BATCH });
      if (batch.length === 0) break;
      for (const entry of batch) {
        entries += 1;
        const holds = entry.id === expectedId && entry.prevHash === expectedPrev && entry.hash === chainHash(entry.prevHash, entry);
        if (!holds) {
          // A deleted entry shows up as a gap: the entry after it is where the chain breaks.
          return { valid: false, entries: await repository.count(), firstBrokenId: entry.id };
        }
        expectedPrev = entry.hash;
        expectedId += 1;
      }
    }
    return { valid: true, entries };
  }

  /** Yields entries oldest first in batches, so an export never holds the whole trail in memory. */
  async *exportBatches(): AsyncGenerator<AuditEntryView[]> {
    const repository = this.dataSource.getRepository(AuditEntry);
    let afterId = 0;
    for (;;) {
      const batch = await repository.find({ where: { id: MoreThan(afterId) }, order: { id: 'ASC' }, take: VERIFY_BATCH });
      if (batch.length === 0) return;
      yield batch.map(toView);
      afterId = batch[batch.length - 1].id;
    }
  }
}

export function toView(entry: AuditEntry): AuditEntryView {
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
  };
}
