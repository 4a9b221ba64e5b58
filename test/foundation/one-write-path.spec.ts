import { readdirSync, readFileSync } from 'fs';
import { join, relative, sep } from 'path';
import { scan } from './one-write-path-rules';

/**
 * One write path, checked in the source: no audit entry but through WritePath, and no status written or
 * compared outside the lifecycles and src/common/. The failure lists every offending `file:line: text`.
 */
const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const at = (path: string) => relative(ROOT, path).split(sep).join('/');

describe('one write path in the source', () => {
  it('writes audit entries and statuses only where the rules allow', () => {
    const offences = sourceFiles(join(ROOT, 'src')).flatMap((file) => {
      const path = at(file);
      return scan(path, readFileSync(file, 'utf8')).map((hit) => `${path}:${hit.line}: ${hit.text}    [${hit.rule}]`);
    });
    expect(offences).toEqual([]);
  });
});

/** The patterns themselves: each fixture must (or must not) be found, so a loosened pattern fails here. */
describe('the rules of the scan', () => {
  const SERVICE = 'src/drafts/drafts.service.ts';
  const found = (source: string, path = SERVICE) => scan(path, source).map((hit) => hit.rule);

  it.each([
    ['an AuditTrail injected', 'constructor(private readonly audit: AuditTrail) {}', 'AuditTrail outside WritePath'],
    ['the trail written', 'await this.audit.record(manager, { action: "draft.pinned" });', 'audit or history record() outside WritePath'],
    ['the trail written in bulk', 'await this.audit.recordMany(manager, records);', 'audit or history record() outside WritePath'],
    ['draft history written', 'await this.history.record(manager, applied);', 'audit or history record() outside WritePath'],
    ['DraftHistory imported', "import { DraftHistory } from './draft-history';", 'DraftHistory used'],
    ['a status assigned', "draft.status = 'withdrawn';", 'status assigned'],
    ['a status assigned from the lifecycle', "dpia.status = DPIA_LIFECYCLE.next(from, 'edit');", 'status assigned'],
    ['a status compared', "if (account.status === 'closed') throw new AccountClosedError();", 'status compared with a literal'],
    ['a status compared the other way', "if ('left' !== person.status) return;", 'status compared with a literal'],
    ['a status in a list of literals', "if (['scheduled', 'publishing'].includes(draft.status)) return;", 'status compared with a literal'],
    ['a switch on a status', 'switch (draft.status) {', 'status compared with a literal'],
    ['a status updated', "await repository.update({ id }, { status: 'taken_down', removedAt: now });", 'status written in a write call'],
    ['a status updated over lines', "await manager.getRepository(Draft).update(\n  { id: draft.id },\n  {\n    status: 'held',\n  },\n);", 'status written in a write call'],
    ['a status shorthand in an update', 'await repository.update({ id }, { reason, status });', 'status written in a write call'],
    ['a status set by a query builder', "builder.update(Draft).set({ status: 'withdrawn' }).where('id = :id', { id });", 'status written in a write call'],
    ['a row created with a literal status', "repository.create({ id: newId(), kind: 'remove_post', status: 'open' });", 'status written in a write call'],
    ['a status merged into a row', "Object.assign(task, { status: 'done', completedAt: now });", 'status written in a write call'],
    ['a find by a literal status', "await repository.findOneBy({ draftId, status: 'open' });", 'status compared with a literal in a find'],
    ['a find by Not(literal)', "await repository.find({ where: { status: Not('closed' as const) } });", 'status compared with a literal in a find'],
    ['SQL setting a status', 'await manager.query(`UPDATE drafts SET "status" = $1 WHERE id = $2`, [to, id]);', 'status set in SQL'],
    ['SQL setting a status after other columns', 'const sql = \'UPDATE drafts SET "updatedAt" = $1, status = $2\';', 'status set in SQL'],
    ['a SET fragment joined later', 'const sets = [\'"updatedAt" = :now\', `"status" = ${toStatus}`];', 'status set in SQL'],
    ['a subset of states by hand', "export const RETURNED_STATUSES: DraftStatus[] = ['submitted'];", 'states listed by hand'],
    ['one state by hand', "const APPROVED: DpiaState = 'approved';", 'states listed by hand'],
    ['a set of states by hand', "const FINAL = new Set<DraftStatus>(['published', 'withdrawn']);", 'states listed by hand'],
    ['SQL comparing with literals', "const sql = `SELECT id FROM drafts WHERE status IN ('submitted', 'scheduled')`;", 'status compared with a literal in SQL'],
    ['SQL comparing with a literal', "`EXISTS (SELECT 1 FROM dpias p WHERE p.status = 'approved')`", 'status compared with a literal in SQL'],
    ['a literal bound as a parameter', ".where('s.status = :active', { active: 'active' })", 'status compared with a literal bound as a parameter'],
    ['literals bound as a list', ".where('d.status IN (:...open)', { open: ['draft', 'submitted'] })", 'status compared with a literal bound as a parameter'],
  ])('finds %s', (_label, source, rule) => {
    expect(found(source).join('; ')).toContain(rule);
  });

  it.each([
    ['WritePath recording', 'await this.writePath.record(manager, { actorId, action: "settings.changed" });'],
    ['WritePath transitions', "await this.writePath.transition(manager, DRAFT_LIFECYCLE, draft, 'withdraw', { actorId });"],
    ['a lifecycle check', "if (ACCOUNT_LIFECYCLE.is(account, 'closed')) throw new AccountClosedError();"],
    ['a lifecycle filter', "builder.where('d.status IN (:...states)', { states: DRAFT_LIFECYCLE.statesAllowing('withdraw') });"],
    ['a DTO enum', "@ApiProperty({ enum: ['draft', 'submitted'] }) status: DraftStatus;"],
    ['an entity column type', "@StringColumn(10) status: 'open' | 'done';"],
    ['a view copying the status', 'return { id: draft.id, status: draft.status, allowedActions };'],
    ['a view copying a computed status', 'summary.status = dpia.statusAt(nowIso);'],
    ['a view copying a status a function computed', 'summary.status = dpiaStatusAt(row, nowIso);'],
    ['a list filtered by the caller', "if (query.status) builder.andWhere('d.status = :status', { status: query.status });"],
    ['a list filter by shorthand', "builder.where('t.status = :status', { status });"],
    ['a filter meaning no filter', "if (status !== 'all') builder.where('t.status = :status', { status });"],
    ['an HTTP answer', 'if (answer.status !== 200) return failed();'],
    ['an HTTP answer set', 'response.status(201).json(body);'],
    ['a type test', "if (typeof body.status === 'string') return body.status;"],
    ['the Redis client', "if (this.redis.status === 'ready') await this.redis.ping();"],
    ['a summary kept in a map', "result.set(accountId, { status: 'not_started', reviewDueAt: null });"],
    ['a row created in its initial state', 'repository.create({ id: newId(), status: TASK_LIFECYCLE.initial });'],
    ['a comment', "// draft.status = 'withdrawn' used to be here"],
    ['the states declared', "export const CONNECTION_STATUSES = ['pending', 'authorised', 'used'] as const;"],
    ['DraftHistoryQuery', 'export class DraftHistoryQuery extends PageQuery {}'],
  ])('passes %s', (_label, source) => {
    expect(found(source)).toEqual([]);
  });

  it('lets the lifecycles, src/common/, the migrations and the unit tests handle statuses', () => {
    const source = "draft.status = 'withdrawn';\nawait repository.update({ id }, { status: 'held' });";
    for (const path of ['src/drafts/draft-lifecycle.ts', 'src/common/write-path/write-path.ts', 'src/common/database/migrations/0042-status.ts', 'src/drafts/drafts.service.spec.ts']) {
      expect({ path, rules: found(source, path) }).toEqual({ path, rules: [] });
    }
    expect(found(source)).toEqual(['status assigned', 'status written in a write call']);
  });

  it('lets only src/audit/ and src/common/write-path/ touch the trail', () => {
    const source = 'constructor(private readonly audit: AuditTrail) {}\nawait this.audit.record(manager, entry);';
    for (const path of ['src/audit/audit-trail.service.ts', 'src/common/write-path/write-path.ts']) expect(found(source, path)).toEqual([]);
    expect(found(source, 'src/common/lifecycle/lifecycle.ts')).toEqual(['AuditTrail outside WritePath', 'audit or history record() outside WritePath']);
  });

  it('reads past a regular expression with quotes in it', () => {
    const source = "const escape = (text: string) => text.replace(/[\"']/g, '');\nif (draft.status === 'held') return;";
    expect(found(source)).toEqual(['status compared with a literal']);
  });

  it('names the line of the offence', () => {
    expect(scan(SERVICE, "const a = 1;\n\nif (draft.status === 'held') return;")).toEqual([{ line: 3, rule: 'status compared with a literal', text: "if (draft.status === 'held') return;" }]);
  });
});
