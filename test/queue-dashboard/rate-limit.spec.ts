import { bearer, TestApp } from '../support/test-app';

const LIMIT = 4;

describe('the queue dashboard and the session rate limit', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ GATEHOUSE_RATE_LIMIT_PER_MINUTE: String(LIMIT) })));
  afterAll(() => t.close());

  it('counts a session’s dashboard requests towards the budget its API requests share', async () => {
    const token = await t.adminToken();
    for (let i = 0; i < LIMIT - 1; i++) expect((await t.http.get('/admin/queues/api/queues').set(bearer(token))).status).toBe(200);
    // The last request of the window's budget, made through the API.
    expect((await t.http.get('/api/v1/me').set(bearer(token))).status).toBe(200);

    const dashboard = await t.http.get('/admin/queues/api/queues').set(bearer(token));
    expect(dashboard.status).toBe(429);
    expect(dashboard.body.code).toBe('RATE_LIMITED');
    expect(dashboard.headers['retry-after']).toEqual(expect.stringMatching(/^\d+$/));
    expect((await t.http.get('/api/v1/me').set(bearer(token))).status).toBe(429);
  });
});
