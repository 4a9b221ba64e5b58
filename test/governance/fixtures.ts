import { bearer, TestApp, TestStaff } from '../support/test-app';

/** A DPIA body that can be submitted as is. */
export const completeDpia = (overrides: Record<string, unknown> = {}) => ({
  purpose: 'Share news and events of the service with families and the community.',
  dataCategories: ['staff names', 'photographs of staff'],
  dataSubjects: ['staff', 'members of the public who comment'],
  lawfulBasis: 'legitimate interests',
  screening: { vulnerableSubjects: true, specialCategoryData: false, children: false, systematicMonitoring: false, newTechnology: false, largeScale: false },
  risks: [
    {
      description: 'A service user is identifiable in a photograph',
      likelihood: 'possible',
      severity: 'severe',
      mitigation: 'Every post is approved by a manager; no photographs of service users',
      residualRisk: 'low',
    },
  ],
  documentUrl: 'https://intranet.example.test/dpia/facebook.pdf',
  ...overrides,
});

export interface Cast {
  admin: string;
  manager: TestStaff;
  dpo: TestStaff;
}

export async function cast(t: TestApp): Promise<Cast> {
  return { admin: await t.adminToken(), manager: await t.newStaff(['manager']), dpo: await t.newStaff(['dpo']) };
}

export async function createAccount(t: TestApp, ownerId: string, fields: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const response = await t.http
    .post('/api/v1/accounts')
    .set(bearer(await t.adminToken()))
    .send({ platform: 'facebook', name: 'Riverside Care', externalId: `page-${Math.random().toString(16).slice(2)}`, ownerId, mode: 'sandbox', ...fields });
  if (response.status !== 201) throw new Error(`create account failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Manager writes and submits the DPIA, the DPO approves it. */
export async function approveDpia(t: TestApp, accountId: string, c: Cast, signOff: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const put = await t.http.put(`/api/v1/accounts/${accountId}/dpia`).set(bearer(c.manager.token)).send(completeDpia());
  if (put.status !== 200) throw new Error(`save DPIA failed: ${put.status} ${JSON.stringify(put.body)}`);
  const submit = await t.http.post(`/api/v1/accounts/${accountId}/dpia/submit`).set(bearer(c.manager.token));
  if (submit.status !== 200) throw new Error(`submit DPIA failed: ${submit.status} ${JSON.stringify(submit.body)}`);
  const signed = await t.http
    .post(`/api/v1/accounts/${accountId}/dpia/sign-off`)
    .set(bearer(c.dpo.token))
    .send({ decision: 'approved', dpoAdvice: 'Proportionate with the mitigations described.', ...signOff });
  if (signed.status !== 200) throw new Error(`sign off DPIA failed: ${signed.status} ${JSON.stringify(signed.body)}`);
  return signed.body;
}

/** An account that is active with a DPIA in force. */
export async function activeAccount(t: TestApp, c: Cast, fields: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const account = await createAccount(t, c.manager.id, fields);
  await approveDpia(t, account.id, c);
  const activated = await t.http.post(`/api/v1/accounts/${account.id}/activate`).set(bearer(c.manager.token));
  if (activated.status !== 200) throw new Error(`activate failed: ${activated.status} ${JSON.stringify(activated.body)}`);
  return activated.body;
}

export async function auditFor(t: TestApp, subjectId: string): Promise<Record<string, any>[]> {
  const response = await t.http.get(`/api/v1/audit?subjectId=${subjectId}&limit=200`).set(bearer(await t.adminToken()));
  return response.body.items;
}
