import { randomBytes, randomUUID } from 'crypto';
import { DataSource, Logger } from 'typeorm';
import { Session } from '../src/auth/session.entity';
import { Authorisation } from '../src/authorisations/authorisation.entity';
import { DraftStatus } from '../src/drafts/draft-lifecycle';
import { Draft } from '../src/drafts/draft.entity';

/** Statuses cycled through: the four offboarding moves and some it must leave alone. */
export const MIXED_STATUSES: DraftStatus[] = ['draft', 'changes_requested', 'submitted', 'scheduled', 'published', 'withdrawn', 'held', 'rejected'];

export interface LeaverWork {
  leaverId: string;
  accountIds: string[];
  grantedById: string;
  drafts: number;
  authorisations: number;
  sessions: number;
  nowIso: string;
}

/** Drafts of one person (author and owner), their statuses cycled through `statuses`, ready for a multi-row insert. */
export function draftRows(work: { staffId: string; accountIds: string[]; drafts: number; nowIso: string; statuses?: DraftStatus[] }) {
  const statuses = work.statuses ?? MIXED_STATUSES;
  const later = new Date(Date.parse(work.nowIso) + 30 * 86_400_000).toISOString();
  return Array.from({ length: work.drafts }, (_, i) => {
    const status = statuses[i % statuses.length];
    return {
      id: randomUUID(),
      accountId: work.accountIds[i % work.accountIds.length],
      authorId: work.staffId,
      ownerId: work.staffId,
      status,
      currentRevisionId: randomUUID(),
      findings: [],
      scheduledFor: status === 'scheduled' ? later : null,
      submittedAt: status === 'submitted' ? work.nowIso : null,
      publication: null,
      failure: null,
      lastEventSeq: 1,
      createdAt: work.nowIso,
      updatedAt: work.nowIso,
    };
  });
}

/** Writes a leaver's drafts, grants and sessions straight into the tables, in large multi-row inserts. */
export async function seedLeaverWork(dataSource: DataSource, work: LeaverWork): Promise<void> {
  const later = new Date(Date.parse(work.nowIso) + 30 * 86_400_000).toISOString();
  const drafts = draftRows({ staffId: work.leaverId, accountIds: work.accountIds, drafts: work.drafts, nowIso: work.nowIso });
  await insertAll(dataSource, Draft, drafts, 500);
  const grants = Array.from({ length: work.authorisations }, (_, i) => ({
    id: randomUUID(),
    accountId: work.accountIds[i % work.accountIds.length],
    staffId: work.leaverId,
    grantedById: work.grantedById,
    grantedAt: work.nowIso,
    reason: 'bench',
    expiresAt: null,
    revokedAt: null,
    revokedById: null,
    revokeReason: null,
  }));
  await insertAll(dataSource, Authorisation, grants, 500);
  const sessions = Array.from({ length: work.sessions }, () => ({
    id: randomUUID(),
    tokenHash: randomBytes(32).toString('hex'),
    staffId: work.leaverId,
    createdAt: work.nowIso,
    expiresAt: later,
    revokedAt: null,
  }));
  await insertAll(dataSource, Session, sessions, 500);
}

export async function insertAll<T extends object>(dataSource: DataSource, entity: new () => T, rows: object[], chunk: number): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await dataSource.getRepository(entity).insert(rows.slice(i, i + chunk) as never);
}

/** Runs `work` and returns every SQL statement the data source sent meanwhile (BEGIN and COMMIT included). */
export async function countStatements<T>(dataSource: DataSource, work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const original = dataSource.logger;
  const statements: string[] = [];
  const counting: Logger = Object.assign(Object.create(original), { logQuery: (query: string) => void statements.push(query) });
  (dataSource as { logger: Logger }).logger = counting;
  try {
    return { result: await work(), statements };
  } finally {
    (dataSource as { logger: Logger }).logger = original;
  }
}
