import { TestApp } from '../support/test-app';
import { useApp } from '../support/world';

describe('health', () => {
  it('is ok with the database and Redis up', async () => {
    const t = await TestApp.start();
    await waitFor(async () => (await t.http.get('/health')).body.checks.redis === 'up');
    const response = await t.http.get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
    await t.close();
  });

  it('is degraded, not fatal, when Redis is down: the service starts and serves', async () => {
    const t = await TestApp.start({ REDIS_URL: 'redis://127.0.0.1:1' });
    const response = await t.http.get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'degraded', checks: { database: 'up', redis: 'down' } });
    expect((await t.http.post('/api/v1/auth/login').send({ email: 'admin@example.test', password: 'correct horse battery staple' })).status).toBe(200);
    await t.close();
  });

  it('answers 503 when the database is down', async () => {
    const t = await TestApp.start();
    await t.dataSource.destroy();
    const response = await t.http.get('/health');
    expect(response.status).toBe(503);
    expect(response.body.checks.database).toBe('down');
    // Closing the app too: its Redis connections and timers would otherwise keep the test process alive.
    await t.close();
  });
});

describe('OpenAPI', () => {
  const t = useApp();

  it('serves the document generated from the DTOs', async () => {
    const response = await t.http.get('/api/docs-json');
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/staff', '/api/v1/staff/{id}', '/api/v1/audit/verify', '/health']));
    const createStaff = document.components.schemas.CreateStaffDto;
    expect(createStaff.required).toEqual(expect.arrayContaining(['email', 'displayName', 'roles', 'password']));
    expect(createStaff.properties.password.minLength).toBe(12);
    // Routes beyond API.md are documented with their shapes too.
    expect(document.paths['/api/v1/staff/directory'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/ColleagueList');
    expect(Object.keys(document.components.schemas.ColleagueView.properties).sort()).toEqual(['displayName', 'id']);
    expect(Object.keys(document.paths['/api/v1/drafts/{id}/media/{mediaId}'].get.responses['200'].content)).toEqual(expect.arrayContaining(['image/jpeg', 'image/png', 'video/mp4']));
  });

  it('serves the interactive UI', async () => {
    const response = await t.http.get('/api/docs').redirects(1);
    expect(response.status).toBe(200);
    expect(response.text).toContain('swagger-ui');
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
