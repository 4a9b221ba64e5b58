import { bearer, TestApp } from '../support/test-app';

describe('the queue dashboard', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('is for admins only', async () => {
    expect((await t.http.get('/admin/queues')).status).toBe(401);
    const manager = await t.newStaff(['manager']);
    const refused = await t.http.get('/admin/queues').set(bearer(manager.token));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const page = await t.http.get('/admin/queues').set(bearer(await t.adminToken()));
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root">');
  });

  it('shows the publishing queue, read-only', async () => {
    const response = await t.http.get('/admin/queues/api/queues').set(bearer(await t.adminToken()));
    expect(response.status).toBe(200);
    expect(response.body.queues.map((q: { name: string }) => q.name)).toEqual(['publish']);
    expect(response.body.queues[0].readOnlyMode).toBe(true);
  });
});
