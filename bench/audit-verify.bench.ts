import { AuditEntry } from '../src/audit/audit-entry.entity';
import { AuditSigner } from '../src/audit/audit-signer';
import { chainHash } from '../src/audit/hash-chain';
import { Transactions } from '../src/common/database/transactions';
import { DataSource } from 'typeorm';
import { BENCH_ADMIN, benchLogin, selectedDatabases, startBenchApp } from './support';

const ENTRIES = Number(process.env.GATEHOUSE_BENCH_AUDIT_ENTRIES ?? 1_000_000);
const BATCH = 1000;

/**
 * GET /audit/verify and the jsonl export over a million signed entries (seeded directly, signed with
 * the installation key): verify recomputes every hash and checks signatures per batch.
 */
export async function run(): Promise<void> {
  for (const kind of selectedDatabases()) {
    const bench = await startBenchApp(kind, { GATEHOUSE_ROLE: 'api', GATEHOUSE_SCHEDULED_JOBS: 'false' });
    try {
      const token = await benchLogin(bench.baseUrl, BENCH_ADMIN.email, BENCH_ADMIN.password);
      const started = Date.now();
      await seed(bench.dataSource, bench.app.get(Transactions), bench.app.get(AuditSigner));
      console.log(`${kind}: seeded ${ENTRIES} signed entries in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      for (const [label, path] of [
        ['verify', '/api/v1/audit/verify'],
        ['export jsonl', '/api/v1/audit/export?format=jsonl'],
      ]) {
        const begun = Date.now();
        const response = await fetch(`${bench.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
        const text = await response.text();
        if (response.status !== 200) throw new Error(`${label} answered ${response.status}`);
        if (label === 'verify' && !JSON.parse(text).valid) throw new Error(`verify found a break: ${text}`);
        console.log(`${kind}: ${label} over ${ENTRIES} entries: ${((Date.now() - begun) / 1000).toFixed(2)} s (${(text.length / 1e6).toFixed(0)} MB)`);
      }
    } finally {
      await bench.close();
    }
  }
}

async function seed(dataSource: DataSource, transactions: Transactions, signer: AuditSigner): Promise<void> {
  const repository = dataSource.getRepository(AuditEntry);
  const [head] = await repository.find({ order: { id: 'DESC' }, take: 1 });
  let prevHash = head.hash;
  let id = head.id;
  const at = new Date().toISOString();
  while (id < ENTRIES) {
    const rows: AuditEntry[] = [];
    for (let i = 0; i < BATCH && id < ENTRIES; i++) {
      id += 1;
      const entry = repository.create({ id, at, actorId: null, action: 'bench.entry', subjectType: 'bench', subjectId: String(id), details: `{"n":${id}}`, prevHash });
      entry.hash = chainHash(prevHash, entry);
      entry.signature = signer.signEntry(entry.hash);
      prevHash = entry.hash;
      rows.push(entry);
    }
    // Through Transactions, as the app writes: on SQLite its one connection takes one transaction at a time.
    await transactions.run((manager) => manager.createQueryBuilder().insert().into(AuditEntry).values(rows).execute());
  }
}
