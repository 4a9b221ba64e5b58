import { Agent } from 'http';
import type { Response } from 'supertest';
import { LoginQueue } from '../../src/auth/login-queue';
import { TestApp } from '../support/test-app';

/** Agents whose connections leave from another loopback address, as a second client would. */
const agents = new Map<string, Agent>();
function agentFrom(address: string): Agent {
  let agent = agents.get(address);
  if (!agent) agents.set(address, (agent = new Agent({ localAddress: address })));
  return agent;
}

/** POST /auth/login, from 127.0.0.1 unless another loopback address is named. */
export function login(t: TestApp, email: string, password: string, from?: string): Promise<Response> {
  const request = t.http.post('/api/v1/auth/login');
  if (from) request.agent(agentFrom(from));
  return request.send({ email, password }).then((response) => response);
}

export function closeAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

/**
 * Resolves once `count` more sign-ins have reached the login queue (been admitted, queued or refused there),
 * so a test can send its next request knowing the earlier ones have all arrived.
 */
export function whenQueued(t: TestApp, count: number): Promise<void> {
  const queue = t.app.get(LoginQueue);
  const run = queue.run.bind(queue);
  let seen = 0;
  return new Promise<void>((resolve) => {
    queue.run = ((address: string, work: () => Promise<unknown>) => {
      if (++seen === count) {
        queue.run = run;
        setImmediate(resolve);
      }
      return run(address, work);
    }) as LoginQueue['run'];
  });
}

export function statusCounts(responses: Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const response of responses) counts[response.status] = (counts[response.status] ?? 0) + 1;
  return counts;
}
