import { bearer } from '../support/test-app';
import { useApp } from '../support/world';

/** The status and the error code of a refused request. */
function expectRefusal(response: { status: number; body: { code?: string } }, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.body.code).toBe(code);
}

describe('the error format', () => {
  const t = useApp();
  let admin: string;
  let staff: string;
  beforeAll(async () => {
    admin = await t.adminToken();
    staff = (await t.newStaff(['staff'])).token;
  });

  const validStaff = { email: 'v@example.test', displayName: 'V', roles: ['staff'], password: 'twelve chars!' };

  it.each([
    ['an unknown field', { ...validStaff, isSuperUser: true }, 'isSuperUser'],
    ['a wrong type', { ...validStaff, displayName: 42 }, 'displayName'],
    ['a bad enum value', { ...validStaff, roles: ['owner'] }, 'roles'],
    ['a missing field', { email: 'v@example.test', roles: ['staff'], password: 'twelve chars!' }, 'displayName'],
  ])('answers 400 VALIDATION_FAILED naming the field for %s', async (_, body, field) => {
    const response = await t.http.post('/api/v1/staff').set(bearer(admin)).send(body);
    expectRefusal(response, 400, 'VALIDATION_FAILED');
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('answers 400 for malformed JSON and out-of-range numbers', async () => {
    const malformed = await t.http.post('/api/v1/staff').set(bearer(admin)).set('Content-Type', 'application/json').send('{"email": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    for (const limit of ['0', '201', 'ten']) {
      const response = await t.http.get(`/api/v1/staff?limit=${limit}`).set(bearer(admin));
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('limit');
    }
    const badCursor = await t.http.get('/api/v1/staff?cursor=garbage').set(bearer(admin));
    expect(badCursor.status).toBe(400);
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a body over 1 MiB', async () => {
    const response = await t.http.post('/api/v1/policies').set(bearer(admin)).send({ version: 'big', title: 'Big', text: 'x'.repeat(1_100_000) });
    expectRefusal(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('checks the role before the body: 401 without a token and 403 for the wrong role, whatever the body', async () => {
    const noToken = await t.http.post('/api/v1/staff').set('Content-Type', 'application/json').send('{broken');
    expectRefusal(noToken, 401, 'UNAUTHENTICATED');
    const wrongRole = await t.http.post('/api/v1/staff').set(bearer(staff)).set('Content-Type', 'application/json').send('{broken');
    expectRefusal(wrongRole, 403, 'FORBIDDEN');
    const tooBigWrongRole = await t.http.post('/api/v1/policies').set(bearer(staff)).send({ text: 'x'.repeat(1_100_000) });
    expect(tooBigWrongRole.status).toBe(403);
  });

  it('answers 404 NOT_FOUND for unknown routes and for ids that are not UUIDs', async () => {
    const route = await t.http.get('/api/v1/nothing-here').set(bearer(admin));
    expect(route.status).toBe(404);
    expect(route.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });
    const id = await t.http.patch("/api/v1/staff/1' OR '1'='1").set(bearer(admin)).send({ displayName: 'x' });
    expectRefusal(id, 404, 'NOT_FOUND');
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE for a JSON body in an unsupported charset', async () => {
    const response = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json; charset=ebcdic').send('{}');
    expectRefusal(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('changes nothing when a request fails', async () => {
    const before = await t.http.get('/api/v1/audit?limit=200').set(bearer(admin));
    await t.http.post('/api/v1/staff').set(bearer(admin)).send({ ...validStaff, roles: ['nope'] });
    await t.http.post('/api/v1/policies').set(bearer(staff)).send({ version: 'x', title: 'x', text: 'x' });
    const after = await t.http.get('/api/v1/audit?limit=200').set(bearer(admin));
    expect(after.body.items[0].id).toBe(before.body.items[0].id);
  });
});
