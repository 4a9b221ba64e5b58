import { createHash } from 'crypto';
import { writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { AccountsService } from '../../src/accounts/accounts.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Caller } from '../../src/auth/caller';
import { AuthorisationsService } from '../../src/authorisations/authorisations.service';
import { ConsentRequest } from '../../src/consent/consent-request.entity';
import { CONSENT_REQUEST_LIFECYCLE } from '../../src/consent/consent-request-lifecycle';
import { ConsentService } from '../../src/consent/consent.service';
import { DpiaService } from '../../src/dpia/dpia.service';
import { DraftsService } from '../../src/drafts/drafts.service';
import { MediaService } from '../../src/media/media.service';
import { PolicyService } from '../../src/policy/policy.service';
import { TaskNotice } from '../../src/tasks/task-notice.entity';
import { completeDpia } from '../governance/fixtures';
import { pngBytes } from '../drafts/support';
import { Medium } from '../support/medium';

jest.setTimeout(60_000);

describe('consent requests, through the services (no HTTP)', () => {
  let medium: Medium;
  let author: Caller;
  let colleague: Caller;
  let accountId: string;

  beforeAll(async () => {
    medium = await Medium.start();
    const admin = await medium.admin();
    const manager = await medium.staff(['manager']);
    const reviewer = await medium.staff(['manager']);
    const dpo = await medium.staff(['dpo']);
    [author, colleague] = [await medium.staff(['staff']), await medium.staff(['staff'])];
    const policies = medium.get(PolicyService);
    await policies.create(manager, { version: '2026.1', title: 'Social media policy', text: 'Only authorised staff post.' } as never);
    accountId = (await medium.get(AccountsService).create(admin, { platform: 'facebook', name: 'Elm House', externalId: 'page-consent', ownerId: manager.staffId, mode: 'sandbox' } as never)).id;
    const dpias = medium.get(DpiaService);
    await dpias.save(manager, accountId, completeDpia() as never);
    await dpias.submit(manager, accountId);
    await dpias.signOff(dpo, accountId, { decision: 'approved', dpoAdvice: 'Proportionate.' } as never);
    await medium.get(AccountsService).activate(manager, accountId);
    for (const person of [author, manager]) {
      await policies.acknowledge(person);
      await medium.get(AuthorisationsService).grant(person === manager ? reviewer : manager, accountId, { staffId: person.staffId, reason: 'Posts the news' });
    }
  });
  afterAll(() => medium.close());

  /** The same bytes each time: the same image, whatever upload it came in. */
  const photo = async (): Promise<string> => {
    const bytes = pngBytes(77);
    const path = join(tmpdir(), `consent-medium-${Date.now()}-${Math.random()}.png`);
    await writeFile(path, bytes);
    const media = await medium.get(MediaService).store(author, { path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    return media.id;
  };
  const photoDraft = async (depicted: string[]) =>
    medium.get(DraftsService).create(author, {
      accountId,
      text: 'The team at the fair',
      media: [{ mediaId: await photo(), altText: 'The team', depicts: { staffIds: depicted, serviceUsers: false, public: false }, rights: 'own' }],
    } as never);
  const entriesSince = async (id: number) =>
    (await medium.dataSource.getRepository(AuditEntry).createQueryBuilder('e').where('e.id > :id', { id }).orderBy('e.id', 'ASC').getMany()).map((row) => ({
      id: row.id,
      action: row.action,
      details: JSON.parse(row.details) as Record<string, unknown>,
    }));
  const requestsOf = (draftId: string) => medium.dataSource.getRepository(ConsentRequest).findBy({ draftId });

  it('a request enters its lifecycle following from the draft that asks; a decision is the draft’s entry, the move follows from it', async () => {
    const before = await medium.auditHead();
    const draft = await photoDraft([colleague.staffId]);
    const [request] = await requestsOf(draft.id);
    const made = await entriesSince(before);
    const created = made.find((entry) => entry.action === 'draft.created')!;
    expect(made.filter((entry) => entry.action.startsWith('consent_request.'))).toEqual([
      { id: expect.any(Number), action: 'consent_request.created', details: expect.objectContaining({ from: null, to: 'pending', draftId: draft.id, causedBy: created.id }) },
    ]);

    // The colleague is asked (so the check in the next test can see a task).
    expect(await medium.dataSource.getRepository(TaskNotice).countBy({ kind: 'give_consent', subjectId: request.id })).toBe(1);

    const decidedFrom = await medium.auditHead();
    await medium.get(ConsentService).decide(colleague, request.id, { decision: 'refused' });
    const [note, move] = await entriesSince(decidedFrom);
    expect(note).toEqual({ id: expect.any(Number), action: 'draft.consent_refused', details: expect.not.objectContaining({ causedBy: expect.anything() }) });
    expect(move).toEqual({ id: expect.any(Number), action: 'consent_request.refused', details: expect.objectContaining({ from: 'pending', to: 'refused', causedBy: note.id }) });
    expect(CONSENT_REQUEST_LIFECYCLE.is((await requestsOf(draft.id))[0], 'refused')).toBe(true);
  });

  it('a photo refused elsewhere arrives refused, following from the new draft, and nobody is asked about it', async () => {
    const before = await medium.auditHead();
    const draft = await photoDraft([]);
    expect(draft.consent).toEqual({ pending: 0, refused: 1 });
    const [inherited] = await requestsOf(draft.id);
    expect(inherited).toEqual(expect.objectContaining({ staffId: colleague.staffId, active: true, decidedAt: expect.any(String) }));
    expect(CONSENT_REQUEST_LIFECYCLE.is(inherited, 'refused')).toBe(true);
    const made = await entriesSince(before);
    const created = made.find((entry) => entry.action === 'draft.created')!;
    const own = made.filter((entry) => entry.action.startsWith('consent_request.'));
    expect(own.map((entry) => entry.action)).toEqual(['consent_request.created', 'consent_request.refused']);
    for (const entry of own) expect(entry.details.causedBy).toBe(created.id);
    expect(await medium.dataSource.getRepository(TaskNotice).countBy({ kind: 'give_consent', subjectId: inherited.id })).toBe(0);
  });
});
