import { bearer } from '../support/test-app';
import { useApp } from '../support/world';

describe('the first admin', () => {
  const t = useApp();

  it('signs in and reads their own record', async () => {
    const me = await t.http.get('/api/v1/me').set(bearer(await t.adminToken()));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'admin@example.test', roles: ['admin'], status: 'active', policyAcknowledgement: null });
    expect(me.body).not.toHaveProperty('passwordHash');
  });
});
