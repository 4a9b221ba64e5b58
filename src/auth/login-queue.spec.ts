import { RateLimitedError } from '../common/errors/generic-errors';
import { AppConfig } from '../common/config/app-config';
import { LoginQueue } from './login-queue';

/** Work the test finishes by hand, so the queue's order is observable. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

function queue(limits: AppConfig['login']) {
  return new LoginQueue({ login: limits } as AppConfig);
}

describe('LoginQueue', () => {
  it('serves waiting addresses in turn, not in arrival order', async () => {
    const q = queue({ argon2Concurrency: 1, queue: 10, queuePerAddress: 10 });
    const order: string[] = [];
    const first = gate();
    const running = Promise.all([q.run('a', async () => first.opened), q.run('a', async () => first.opened)]);
    const done = ['a1', 'a2', 'a3', 'b1'].map((name) => q.run(name[0], async () => void order.push(name)));
    first.open();
    await Promise.all([running, ...done]);
    expect(order).toEqual(['a1', 'b1', 'a2', 'a3']);
  });

  it('refuses the oldest waiting sign-in of a full address, with a Retry-After, and keeps the newcomer', async () => {
    const q = queue({ argon2Concurrency: 1, queue: 10, queuePerAddress: 2 });
    const first = gate();
    const running = Promise.all([q.run('a', async () => first.opened), q.run('a', async () => first.opened)]);
    const outcomes = ['old', 'middle', 'new'].map((name) => q.run('a', async () => name).catch((error: unknown) => error));
    first.open();
    await running;
    const [old, middle, newest] = await Promise.all(outcomes);
    expect(old).toBeInstanceOf(RateLimitedError);
    expect((old as RateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect([middle, newest]).toEqual(['middle', 'new']);
  });

  it('when the whole queue is full, refuses from the address holding the most places', async () => {
    const q = queue({ argon2Concurrency: 1, queue: 3, queuePerAddress: 3 });
    const first = gate();
    const running = Promise.all([q.run('x', async () => first.opened), q.run('x', async () => first.opened)]);
    const flood = [1, 2, 3].map((i) => q.run('flood', async () => `flood ${i}`).catch((error: unknown) => error));
    const colleague = q.run('office', async () => 'colleague');
    first.open();
    await running;
    expect(await colleague).toBe('colleague');
    const answers = await Promise.all(flood);
    expect(answers[0]).toBeInstanceOf(RateLimitedError);
    expect(answers.slice(1)).toEqual(['flood 2', 'flood 3']);
  });

  it('never has more than twice its argon2 slots in progress at once', async () => {
    const q = queue({ argon2Concurrency: 2, queue: 20, queuePerAddress: 20 });
    let now = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        q.run(`addr-${i % 3}`, async () => {
          most = Math.max(most, ++now);
          await new Promise((resolve) => setImmediate(resolve));
          now--;
        }),
      ),
    );
    expect(most).toBe(4);
  });
});
