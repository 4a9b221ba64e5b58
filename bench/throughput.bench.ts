import { loadavg } from 'os';
import { closedLoop, LoadTarget } from './load';
import { startServer } from './servers/child';
import { selectedDatabases } from './support';

const ROUNDS = 3;
const RUN_MS = 1500;

/**
 * Requests per second of Gatehouse routes against a bare NestJS route built from the same packages, each in
 * its own process, measured alternately (bare, then each route, three times) so a busy moment on the shared
 * machine hits both; the figure is the ratio of medians. Requests per CPU-second of the server process are
 * printed beside it: on a loaded machine they hold steadier (on PostgreSQL they leave out the database's CPU).
 */
export async function run(): Promise<void> {
  const bare = await startServer<{ port: number }>('servers/bare-nest');
  try {
    for (const kind of selectedDatabases()) {
      const gatehouse = await startServer<{ port: number; token: string }>('servers/gatehouse', [kind]);
      try {
        const auth = { authorization: `Bearer ${gatehouse.ready.token}` };
        const targets: Record<string, LoadTarget> = {
          'bare Nest route': { port: bare.ready.port, path: '/bare', pid: bare.child.pid },
          'GET /me': { port: gatehouse.ready.port, path: '/api/v1/me', headers: auth, pid: gatehouse.child.pid },
          'GET /accounts': { port: gatehouse.ready.port, path: '/api/v1/accounts', headers: auth, pid: gatehouse.child.pid },
          'refused at the guard (no token)': { port: gatehouse.ready.port, path: '/api/v1/me', pid: gatehouse.child.pid },
        };
        const samples: Record<string, number[]> = {};
        const perCpu: Record<string, number[]> = {};
        const load = loadavg()[0];
        for (let round = 0; round < ROUNDS; round++) {
          for (const [name, target] of Object.entries(targets)) {
            const result = await closedLoop(target, RUN_MS);
            const expected = name.startsWith('refused') ? 401 : 200;
            if ((result.statuses[expected] ?? 0) !== result.requests) throw new Error(`${name}: unexpected statuses ${JSON.stringify(result.statuses)}`);
            (samples[name] ??= []).push(result.perSecond);
            if (result.perCpuSecond !== null) (perCpu[name] ??= []).push(result.perCpuSecond);
          }
        }
        const bareMedian = median(samples['bare Nest route']);
        const bareCpuMedian = median(perCpu['bare Nest route'] ?? [NaN]);
        console.log(`${kind} (load average ${load.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end):`);
        for (const [name, values] of Object.entries(samples)) {
          const ratio = name === 'bare Nest route' ? '' : `, ratio ${(median(values) / bareMedian).toFixed(2)}`;
          const cpu = median(perCpu[name] ?? [NaN]);
          const cpuRatio = name === 'bare Nest route' ? '' : `, ratio ${(cpu / bareCpuMedian).toFixed(2)}`;
          console.log(`  ${name}: ${Math.round(median(values))} req/s (runs ${values.map((v) => Math.round(v)).join(', ')})${ratio}; ${Math.round(cpu)} per server CPU-second${cpuRatio}`);
        }
      } finally {
        await gatehouse.stop();
      }
    }
  } finally {
    await bare.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
