import { AddressInfo } from 'net';
import { BENCH_ADMIN, BenchDatabase, benchLogin, startBenchApp } from '../support';

const ACCOUNTS = 10;

/** Gatehouse in a process of its own, with an admin signed in and a few accounts to list. */
async function main(): Promise<void> {
  const bench = await startBenchApp(process.argv[2] as BenchDatabase, { GATEHOUSE_ROLE: 'api', GATEHOUSE_OUTBOX_POLL_MS: '60000' });
  const token = await benchLogin(bench.baseUrl, BENCH_ADMIN.email, BENCH_ADMIN.password);
  const me = (await (await fetch(`${bench.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { id: string };
  const managerId = await createManager(bench.baseUrl, token);
  for (let i = 0; i < ACCOUNTS; i++) {
    const response = await fetch(`${bench.baseUrl}/api/v1/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ platform: 'facebook', name: `Bench page ${i}`, externalId: `bench-${i}`, ownerId: managerId }),
    });
    if (response.status !== 201) throw new Error(`create account failed: ${response.status} ${await response.text()}`);
  }
  process.on('message', async () => {
    await bench.close();
    process.exit(0);
  });
  process.send!({ port: (bench.app.getHttpServer().address() as AddressInfo).port, token, staffId: me.id });
}

async function createManager(baseUrl: string, token: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/staff`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench-owner@example.test', password: 'bench owner password', roles: ['manager'], displayName: 'Bench Owner' }),
  });
  if (response.status !== 201) throw new Error(`create manager failed: ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

void main();
