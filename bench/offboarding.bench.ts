import { randomUUID } from 'crypto';
import { OffboardingService } from '../src/offboarding/offboarding.service';
import { StaffService } from '../src/staff/staff.service';
import { countStatements, seedLeaverWork } from './offboarding-seed';
import { selectedDatabases, startBenchApp } from './support';

const AUTHORISATIONS = 1_000;
const DRAFTS = 10_000;
const SESSIONS = 200;
const ACCOUNTS = 20;

/**
 * Offboards one person holding 1,000 authorisations, 10,000 drafts in mixed states and 200 sessions,
 * and prints the time and the number of SQL statements (which does not grow with those numbers).
 */
export async function run(): Promise<void> {
  for (const kind of selectedDatabases()) {
    const bench = await startBenchApp(kind, { GATEHOUSE_ROLE: 'api', GATEHOUSE_OUTBOX_POLL_MS: '60000', GATEHOUSE_SCHEDULED_JOBS: 'false' });
    try {
      const staff = bench.app.get(StaffService);
      const [manager, leaver] = await bench.dataSource.transaction(async (tx) => [
        await staff.insert(tx, null, { email: 'bench-manager@example.test', displayName: 'Manager', roles: ['manager'], lineManagerId: null, passwordHash: null }),
        await staff.insert(tx, null, { email: 'bench-leaver@example.test', displayName: 'Leaver', roles: ['staff'], lineManagerId: null, passwordHash: null }),
      ]);
      await bench.dataSource.query(`UPDATE staff SET "lineManagerId" = '${manager.id}' WHERE id = '${leaver.id}'`);
      const seeded = Date.now();
      await seedLeaverWork(bench.dataSource, {
        leaverId: leaver.id,
        accountIds: Array.from({ length: ACCOUNTS }, () => randomUUID()),
        grantedById: manager.id,
        drafts: DRAFTS,
        authorisations: AUTHORISATIONS,
        sessions: SESSIONS,
        nowIso: new Date().toISOString(),
      });
      console.log(`${kind}: seeded ${DRAFTS} drafts, ${AUTHORISATIONS} authorisations, ${SESSIONS} sessions in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
      const started = process.hrtime.bigint();
      const { result, statements } = await countStatements(bench.dataSource, () => bench.app.get(OffboardingService).offboardAs(null, leaver.id, { reason: 'bench' }));
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (result.kind !== 'completed') throw new Error('offboarding did not complete');
      const r = result.report;
      console.log(
        `${kind}: offboarded in ${ms.toFixed(0)} ms with ${statements.length} SQL statements ` +
          `(revoked ${r.revokedAuthorisations.length} authorisations and ${r.sessionsRevoked} sessions; ` +
          `${r.draftsTransferred.length} drafts transferred, ${r.submissionsReturned.length} submissions returned, ${r.postsHeld.length} posts held)`,
      );
    } finally {
      await bench.close();
    }
  }
}
