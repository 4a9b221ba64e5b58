import { AccountsService } from '../../src/accounts/accounts.service';
import { ApprovalsService } from '../../src/approvals/approvals.service';
import { Caller } from '../../src/auth/caller';
import { Permission } from '../../src/auth/permissions';
import { AuthorisationsService } from '../../src/authorisations/authorisations.service';
import { Access } from '../../src/common/access/access.service';
import { DomainError } from '../../src/common/errors/domain-error';
import { DpiaService } from '../../src/dpia/dpia.service';
import { DraftsService } from '../../src/drafts/drafts.service';
import { DraftView } from '../../src/drafts/draft.view';
import { PolicyService } from '../../src/policy/policy.service';
import { completeDpia } from '../governance/fixtures';
import { Medium } from '../support/medium';

jest.setTimeout(60_000);

/** The code a call is refused with, or 'accepted'. */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'accepted';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('draft rules, through the services (no HTTP)', () => {
  let medium: Medium;
  let drafts: DraftsService;
  let approvals: ApprovalsService;
  let admin: Caller;
  let manager: Caller;
  let reviewer: Caller;
  let author: Caller;
  let colleague: Caller;
  let outsider: Caller;
  let accountId: string;

  beforeAll(async () => {
    medium = await Medium.start();
    drafts = medium.get(DraftsService);
    approvals = medium.get(ApprovalsService);
    admin = await medium.admin();
    manager = await medium.staff(['manager']);
    reviewer = await medium.staff(['manager']);
    const dpo = await medium.staff(['dpo']);
    [author, colleague, outsider] = [await medium.staff(['staff']), await medium.staff(['staff']), await medium.staff(['staff'])];
    const policies = medium.get(PolicyService);
    await policies.create(manager, { version: '2026.1', title: 'Social media policy', text: 'Only authorised staff post.' } as never);
    const account = await medium.get(AccountsService).create(admin, { platform: 'facebook', name: 'Elm House', externalId: 'page-medium', ownerId: manager.staffId, mode: 'sandbox' } as never);
    accountId = account.id;
    const dpias = medium.get(DpiaService);
    await dpias.save(manager, accountId, completeDpia() as never);
    await dpias.submit(manager, accountId);
    await dpias.signOff(dpo, accountId, { decision: 'approved', dpoAdvice: 'Proportionate.' } as never);
    await medium.get(AccountsService).activate(manager, accountId);
    for (const person of [author, colleague, manager]) {
      await policies.acknowledge(person);
      await medium.get(AuthorisationsService).grant(person === manager ? reviewer : manager, accountId, { staffId: person.staffId, reason: 'Posts the news' });
    }
  });
  afterAll(() => medium.close());

  const newDraft = (by: Caller = author, text = 'Our garden party raised £400 for the minibus.'): Promise<DraftView> => drafts.create(by, { accountId, text } as never);
  const submittedDraft = async (by: Caller = author): Promise<DraftView> => drafts.submit(by, (await newDraft(by)).id);

  it('lets only the owner edit: an authorised colleague is refused FORBIDDEN, someone who may not see it gets NOT_FOUND', async () => {
    const draft = await newDraft();
    expect(await outcome(drafts.edit(colleague, draft.id, { text: 'Not mine' } as never))).toBe('FORBIDDEN');
    expect(await outcome(drafts.edit(outsider, draft.id, { text: 'Not mine' } as never))).toBe('NOT_FOUND');
    expect(await outcome(drafts.edit(manager, draft.id, { text: 'Not mine' } as never))).toBe('FORBIDDEN');
    expect(await outcome(drafts.edit(author, draft.id, { text: 'Mine' } as never))).toBe('accepted');
  });

  it('refuses a submit while a content check blocks, and does not offer it', async () => {
    const draft = await newDraft(author, 'Lovely visit from 943 476 5919 today.');
    expect(draft.allowedActions).toEqual(['edit', 'withdraw']);
    expect(await outcome(drafts.submit(author, draft.id))).toBe('CONTENT_CHECK_FAILED');
    expect((await drafts.get(author, draft.id)).status).toBe('draft');
  });

  it('refuses self-approval with SELF_APPROVAL_FORBIDDEN and offers the writer no approve', async () => {
    const draft = await submittedDraft(manager);
    const seen = await drafts.get(manager, draft.id);
    expect(seen.allowedActions).not.toContain('approve');
    expect(await outcome(approvals.approve(manager, draft.id, { revisionId: draft.revision.id }))).toBe('SELF_APPROVAL_FORBIDDEN');
    expect((await drafts.get(reviewer, draft.id)).allowedActions).toEqual(['withdraw', 'approve', 'request_changes', 'reject']);
    expect(await outcome(approvals.approve(reviewer, draft.id, { revisionId: draft.revision.id }))).toBe('accepted');
  });

  it('lets a manager withdraw someone else’s draft, and no other colleague', async () => {
    const draft = await submittedDraft();
    expect(await outcome(drafts.withdraw(colleague, draft.id))).toBe('FORBIDDEN');
    expect(await outcome(drafts.withdraw(reviewer, draft.id))).toBe('accepted');
    expect((await drafts.get(author, draft.id)).allowedActions).toEqual([]);
    expect(await outcome(drafts.withdraw(author, draft.id))).toBe('INVALID_STATE');
  });

  it('refuses request_changes and reject to staff by role, and to a manager once the draft is not submitted', async () => {
    const draft = await newDraft();
    expect(await outcome(approvals.reject(reviewer, draft.id, { reason: 'No' }))).toBe('INVALID_STATE');
    expect(await outcome(approvals.requestChanges(reviewer, draft.id, { comment: 'Shorter' }))).toBe('INVALID_STATE');
    await expect(medium.get(Access).require(colleague, Permission.DraftReject, draft.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses editing to an owner whose authorisation ended, with NOT_AUTHORISED_FOR_ACCOUNT, and stops offering it', async () => {
    const writer = await medium.staff(['staff']);
    await medium.get(PolicyService).acknowledge(writer);
    const grant = await medium.get(AuthorisationsService).grant(manager, accountId, { staffId: writer.staffId, reason: 'For a week' });
    const draft = await newDraft(writer);
    await medium.get(AuthorisationsService).revoke(manager, grant.id, { reason: 'Left the team' } as never);
    const seen = await drafts.get(writer, draft.id);
    expect(seen.allowedActions).toEqual(['withdraw']);
    expect(await outcome(drafts.edit(writer, draft.id, { text: 'Still mine?' } as never))).toBe('NOT_AUTHORISED_FOR_ACCOUNT');
    expect(await outcome(drafts.submit(writer, draft.id))).toBe('NOT_AUTHORISED_FOR_ACCOUNT');
  });

  it('writes one audit entry per change, with the names and revision of before', async () => {
    const before = await medium.auditHead();
    const draft = await submittedDraft();
    await approvals.requestChanges(reviewer, draft.id, { comment: 'Add the date' });
    await drafts.edit(author, draft.id, { text: 'Garden party on 5 July raised £400.' } as never);
    await drafts.withdraw(author, draft.id);
    expect(await medium.auditActionsSince(before)).toEqual(['draft.created', 'draft.submitted', 'draft.changes_requested', 'draft.edited', 'draft.withdrawn']);
    const rows: { action: string; details: string | Record<string, unknown> }[] = await medium.dataSource.query(
      `SELECT action, details FROM audit_entries WHERE id > ${before} AND action IN ('draft.changes_requested', 'draft.withdrawn') ORDER BY id`,
    );
    for (const row of rows) {
      const details = typeof row.details === 'string' ? JSON.parse(row.details) : row.details;
      expect(details).toMatchObject({ from: expect.any(String), to: expect.any(String), revisionId: expect.any(String) });
    }
  });
});
