import { bearer, TestApp, TestStaff } from '../support/test-app';
import { activeAccount, Cast, cast } from '../governance/fixtures';

/** Keeps the publishing worker and outbox dispatcher from taking approved drafts while a test looks at them. */
export const QUIET_PUBLISHING = { GATEHOUSE_ROLE: 'api', GATEHOUSE_OUTBOX_POLL_MS: '60000' };

/** A tiny but real PNG: signature and IHDR chunk, enough for sniffing. */
export function pngBytes(extra = 0): Buffer {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.from([0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde]);
  return Buffer.concat([signature, ihdr, Buffer.alloc(extra)]);
}

/** MP4 and QuickTime files start with an ftyp box naming their brand: enough for sniffing, not for playing. */
export function videoBytes(brand = 'isom', extra = 64): Buffer {
  return Buffer.concat([Buffer.from([0, 0, 0, 0x14]), Buffer.from(`ftyp${brand}`, 'latin1'), Buffer.from([0, 0, 0, 0]), Buffer.from(brand, 'latin1'), Buffer.alloc(extra, 7)]);
}

/** JPEG start-of-image and a JFIF APP0 segment. */
export function jpegBytes(extra = 0): Buffer {
  const head = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  return Buffer.concat([head, Buffer.alloc(extra), Buffer.from([0xff, 0xd9])]);
}

export interface Stage extends Cast {
  account: Record<string, any>;
  /** Authorised on the account, has acknowledged the policy. */
  author: TestStaff;
  /** Managers other than the author and the account owner. */
  reviewer: TestStaff;
  reviewer2: TestStaff;
}

/** Acknowledges the current policy (if any) and is granted access to the account by the stage's manager. */
export async function authorise(t: TestApp, stage: Pick<Stage, 'manager'>, accountId: string, staff: TestStaff): Promise<void> {
  await t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(staff.token));
  const granted = await t.http.post(`/api/v1/accounts/${accountId}/authorisations`).set(bearer(stage.manager.token)).send({ staffId: staff.id, reason: 'Posts the news' });
  if (granted.status !== 201) throw new Error(`authorise failed: ${granted.status} ${JSON.stringify(granted.body)}`);
}

/** An active, publishable sandbox account with a policy in effect and an authorised author. */
export async function stage(t: TestApp, accountFields: Record<string, unknown> = {}): Promise<Stage> {
  const c = await cast(t);
  const policy = await t.http.get('/api/v1/policies/current').set(bearer(c.manager.token));
  if (policy.status !== 200) {
    await t.http.post('/api/v1/policies').set(bearer(c.manager.token)).send({ version: '2026.1', title: 'Social media policy', text: 'Only authorised staff post.' });
  }
  const account = await activeAccount(t, c, { mode: 'sandbox', ...accountFields });
  const author = await t.newStaff(['staff']);
  await authorise(t, c, account.id, author);
  return { ...c, account, author, reviewer: await t.newStaff(['manager']), reviewer2: await t.newStaff(['manager']) };
}

export async function createDraft(t: TestApp, token: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const response = await t.http.post('/api/v1/drafts').set(bearer(token)).send(body);
  if (response.status !== 201) throw new Error(`create draft failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function submitted(t: TestApp, s: Stage, body: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const draft = await createDraft(t, s.author.token, { accountId: s.account.id, text: 'Our garden party raised £400 for the minibus.', ...body });
  const response = await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token));
  if (response.status !== 200) throw new Error(`submit failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function upload(t: TestApp, token: string, bytes: Buffer, name: string) {
  return t.http.post('/api/v1/media').set(bearer(token)).attach('file', bytes, name);
}

export const approve = (t: TestApp, token: string, draft: Record<string, any>, body: Record<string, unknown> = {}) =>
  t.http.post(`/api/v1/drafts/${draft.id}/approve`).set(bearer(token)).send({ revisionId: draft.revision.id, ...body });
