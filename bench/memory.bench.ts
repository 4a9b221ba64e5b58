import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { createServer } from 'net';
import { loadavg, tmpdir } from 'os';
import { join } from 'path';
import { steadyRate } from './load';
import { BENCH_ADMIN, benchLogin, createBenchDatabase, selectedDatabases } from './support';

const IDLE_MS = 3000;
const LOAD_MS = 10_000;
const RATE = 50;
const PROJECT = join(__dirname, '..', '..');

/**
 * Resident memory of the service as the Docker image starts it (the node flags of the Dockerfile's CMD),
 * idle after start-up and at its peak under 50 requests a second of signed-in reads.
 */
export async function run(): Promise<void> {
  const flags = dockerNodeFlags();
  console.log(`node flags from the Dockerfile: ${flags.join(' ') || '(none)'}`);
  for (const kind of selectedDatabases()) {
    const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-memory-'));
    const database = await createBenchDatabase(kind, dataDir);
    const port = await freePort();
    const child = spawn(process.execPath, [...flags, join(__dirname, '..', 'src', 'main.js')], {
      cwd: PROJECT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: database.url,
        GATEHOUSE_DATA_DIR: dataDir,
        GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: BENCH_ADMIN.email,
        GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: BENCH_ADMIN.password,
        GATEHOUSE_RATE_LIMIT_PER_MINUTE: '100000',
        GATEHOUSE_VAULT_KEY: randomBytes(32).toString('base64'),
        GATEHOUSE_QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await listening(child);
      const startupPeak = peakKb(child.pid!);
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
      const idle = residentKb(child.pid!);
      const token = await benchLogin(`http://127.0.0.1:${port}`, BENCH_ADMIN.email, BENCH_ADMIN.password);
      const headers = { authorization: `Bearer ${token}` };
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, residentKb(child.pid!))), 100);
      const [me, accounts] = await Promise.all([
        steadyRate({ port, path: '/api/v1/me', headers }, RATE / 2, LOAD_MS),
        steadyRate({ port, path: '/api/v1/accounts', headers }, RATE / 2, LOAD_MS),
      ]);
      clearInterval(sampler);
      const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
      console.log(
        `${kind}: idle ${mb(idle)} (start-up peak ${mb(startupPeak)}), under ${RATE} req/s for ${LOAD_MS / 1000} s peak ${mb(peak)} ` +
          `(${me + accounts} answered; load average ${loadavg()[0].toFixed(2)})`,
      );
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

/** The node options between `node` and the script in the Dockerfile's CMD. */
function dockerNodeFlags(): string[] {
  const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(readFileSync(join(PROJECT, 'Dockerfile'), 'utf8'));
  if (!cmd) throw new Error('no exec-form CMD in the Dockerfile');
  const argv = JSON.parse(cmd[1]) as string[];
  return argv.slice(1, -1);
}

function residentKb(pid: number): number {
  return statusKb(pid, 'VmRSS');
}

function peakKb(pid: number): number {
  return statusKb(pid, 'VmHWM');
}

function statusKb(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

function listening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      if (output.includes('Listening on port')) return;
      output += chunk.toString();
      if (output.includes('Listening on port')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the service exited with ${code}: ${output.slice(-2000)}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
