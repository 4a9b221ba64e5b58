import { randomUUID } from 'crypto';
import { Agent, request } from 'http';
import { BENCH_ADMIN, BenchApp, benchLogin, percentile, selectedDatabases, startBenchApp } from './support';

const BURST_LOGINS = 20;
const BURST_SECONDS = 5;
const FLOOD = 100;
const FLOOD_ROUNDS = 5;

interface Answer {
  status: number;
  ms: number;
}

/**
 * Sign-ins against everything else: GET /me latency during back-to-back bursts of 20 concurrent sign-ins, and a colleague's
 * valid sign-in while 100 unknown-email sign-ins arrive at once (from the same address and from another).
 */
export async function run(): Promise<void> {
  for (const kind of selectedDatabases()) {
    const bench = await startBenchApp(kind, { GATEHOUSE_ROLE: 'api', GATEHOUSE_OUTBOX_POLL_MS: '60000', GATEHOUSE_SCHEDULED_JOBS: 'false' });
    try {
      const admin = await benchLogin(bench.baseUrl, BENCH_ADMIN.email, BENCH_ADMIN.password);
      const people = await Promise.all(Array.from({ length: BURST_LOGINS + 2 }, () => newStaff(bench, admin)));
      const [reader, colleague, ...burst] = people;
      const readerToken = await benchLogin(bench.baseUrl, reader.email, reader.password);
      const me = () => get(bench, '/api/v1/me', readerToken);

      const idle = await readFor(me, 2);
      console.log(`${kind}: GET /me alone: ${latency(idle)}`);
      const during = await duringBurst(bench, burst, () => readFor(me, BURST_SECONDS));
      console.log(`${kind}: GET /me during bursts of ${BURST_LOGINS} concurrent sign-ins: ${latency(during.reads)}`);
      console.log(`${kind}:   the sign-ins meanwhile: ${during.signedIn} signed in, ${during.refused} refused 429 (${(during.signedIn / BURST_SECONDS).toFixed(0)} sign-ins/s)`);

      for (const from of ['127.0.0.1', '127.0.0.2']) {
        const colleagueMs: number[] = [];
        const statuses: Record<number, number> = {};
        for (let round = 0; round < FLOOD_ROUNDS; round++) {
          const flood = Array.from({ length: FLOOD }, (_, i) => post(bench, { email: `flood-${round}-${i}-${randomUUID()}@example.test`, password: 'a guess' }, '127.0.0.1'));
          const mine = await post(bench, colleague, from);
          if (mine.status !== 200) throw new Error(`the colleague's sign-in answered ${mine.status}`);
          colleagueMs.push(mine.ms);
          for (const answer of await Promise.all(flood)) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        }
        console.log(
          `${kind}: a valid sign-in from ${from} sent with ${FLOOD} unknown-email sign-ins from 127.0.0.1: ` +
            `median ${percentile(colleagueMs, 50).toFixed(0)} ms, max ${Math.max(...colleagueMs).toFixed(0)} ms over ${FLOOD_ROUNDS} floods ` +
            `(flood answers: ${Object.entries(statuses).map(([status, n]) => `${n} × ${status}`).join(', ')})`,
        );
      }

      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 40; i++) {
        // A fresh email each time, so the lockout never answers instead of argon2.
        const person = i % 2 === 0 ? await newStaff(bench, admin) : null;
        const sample = await post(bench, { email: person?.email ?? `nobody-${randomUUID()}@example.test`, password: 'wrong password' });
        (person ? known : unknown).push(sample.ms);
      }
      console.log(`${kind}: a wrong password for a known email: median ${percentile(known, 50).toFixed(1)} ms; for an unknown email: ${percentile(unknown, 50).toFixed(1)} ms`);
    } finally {
      await bench.close();
    }
  }
}

async function duringBurst<T>(bench: BenchApp, people: Person[], measure: () => Promise<T>) {
  let stop = false;
  let signedIn = 0;
  let refused = 0;
  // Bursts back to back: all 20 at once, each from its own loopback address, the next burst once all are answered.
  const bursts = (async () => {
    while (!stop) {
      for (const answer of await Promise.all(people.map((person, i) => post(bench, person, `127.0.1.${i + 1}`)))) {
        if (answer.status === 200) signedIn++;
        else if (answer.status === 429) refused++;
        else throw new Error(`sign-in answered ${answer.status}`);
      }
    }
  })();
  const reads = await measure();
  stop = true;
  await bursts;
  return { reads, signedIn, refused };
}

async function readFor(read: () => Promise<Answer>, seconds: number): Promise<number[]> {
  const samples: number[] = [];
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const answer = await read();
    if (answer.status !== 200) throw new Error(`GET /me answered ${answer.status}`);
    samples.push(answer.ms);
  }
  return samples;
}

function latency(samples: number[]): string {
  return `p50 ${percentile(samples, 50).toFixed(2)} ms, p95 ${percentile(samples, 95).toFixed(2)} ms, max ${Math.max(...samples).toFixed(1)} ms (${samples.length} requests)`;
}

interface Person {
  email: string;
  password: string;
}

async function newStaff(bench: BenchApp, adminToken: string): Promise<Person> {
  const person = { email: `bench-${randomUUID().slice(0, 12)}@example.test`, password: `bench password ${randomUUID()}` };
  const created = await fetch(`${bench.baseUrl}/api/v1/staff`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...person, roles: ['staff'], displayName: 'Bench Person' }),
  });
  if (created.status !== 201) throw new Error(`create staff failed: ${created.status}`);
  return person;
}

const agents = new Map<string, Agent>();
function agentFrom(address: string): Agent {
  let agent = agents.get(address);
  if (!agent) agents.set(address, (agent = new Agent({ keepAlive: true, localAddress: address })));
  return agent;
}

function post(bench: BenchApp, body: Person, from = '127.0.0.1'): Promise<Answer> {
  return send(bench, 'POST', '/api/v1/auth/login', from, { 'content-type': 'application/json' }, JSON.stringify(body));
}

function get(bench: BenchApp, path: string, token: string): Promise<Answer> {
  return send(bench, 'GET', path, '127.0.0.1', { authorization: `Bearer ${token}` });
}

/** node:http rather than fetch: fetch cannot choose the address a connection leaves from. */
function send(bench: BenchApp, method: string, path: string, from: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(`${bench.baseUrl}${path}`, { method, headers, agent: agentFrom(from) }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
