import { bearer } from '../support/test-app';
import { useWorld } from '../support/world';
import { cast, completeDpia, createAccount } from './fixtures';

/** Concurrent requests must not break the rules (PostgreSQL runs them in parallel; SQLite serialises them). */
describe('governance under concurrent requests', () => {
  const { t, s: c } = useWorld(cast);

  it('grants at most one active authorisation per person and account', async () => {
    const account = await createAccount(t, c.manager.id);
    const alice = await t.newStaff(['staff']);
    const managers = [c.manager, await t.newStaff(['manager']), await t.newStaff(['manager']), await t.newStaff(['manager'])];
    const responses = await Promise.all(
      managers.map((m) => t.http.post(`/api/v1/accounts/${account.id}/authorisations`).set(bearer(m.token)).send({ staffId: alice.id, reason: 'x' })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'ALREADY_AUTHORISED')).toBe(true);
    const active = await t.http.get(`/api/v1/accounts/${account.id}/authorisations?active=true`).set(bearer(c.admin));
    expect(active.body.items).toHaveLength(1);
  });

  it('never grants on an account that a concurrent request is closing', async () => {
    const account = await createAccount(t, c.manager.id);
    const people = await Promise.all([1, 2, 3].map(() => t.newStaff(['staff'])));
    const grants = people.map((p) => t.http.post(`/api/v1/accounts/${account.id}/authorisations`).set(bearer(c.manager.token)).send({ staffId: p.id, reason: 'x' }));
    const close = t.http.post(`/api/v1/accounts/${account.id}/close`).set(bearer(c.admin)).send({ reason: 'retired' });
    const [closed, ...granted] = await Promise.all([close, ...grants]);
    expect(closed.status).toBe(200);
    for (const response of granted) expect([201, 409]).toContain(response.status);
    const active = await t.http.get(`/api/v1/accounts/${account.id}/authorisations?active=true`).set(bearer(c.admin));
    expect(active.body.items).toEqual([]);
  });

  it('numbers DPIA versions without gaps or duplicates when amendments race', async () => {
    const account = await createAccount(t, c.manager.id);
    const saves = await Promise.all([1, 2, 3, 4].map((n) => t.http.put(`/api/v1/accounts/${account.id}/dpia`).set(bearer(c.manager.token)).send(completeDpia({ purpose: `purpose ${n}` }))));
    expect(saves.every((r) => r.status === 200)).toBe(true);
    expect(new Set(saves.map((r) => r.body.version))).toEqual(new Set([1]));
    const history = await t.http.get(`/api/v1/accounts/${account.id}/dpia/history`).set(bearer(c.admin));
    expect(history.body.items).toHaveLength(1);
  });
});
