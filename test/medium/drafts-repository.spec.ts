import { AccountsService } from '../../src/accounts/accounts.service';
import { ApprovalsService } from '../../src/approvals/approvals.service';
import { Caller } from '../../src/auth/caller';
import { AuthorisationsService } from '../../src/authorisations/authorisations.service';
import { DpiaService } from '../../src/dpia/dpia.service';
import { DRAFT_LIFECYCLE } from '../../src/drafts/draft-lifecycle';
import { DraftView } from '../../src/drafts/draft.view';
import { DraftsRepository } from '../../src/drafts/drafts.repository';
import { DraftsService } from '../../src/drafts/drafts.service';
import { PolicyService } from '../../src/policy/policy.service';
import { completeDpia } from '../governance/fixtures';
import { Medium } from '../support/medium';

jest.setTimeout(60_000);

/** The drafts repository's queries as people meet them: the approval queue, closing an account, the history. */
describe('drafts repository (no HTTP)', () => {
  let medium: Medium;
  let drafts: DraftsService;
  let approvals: ApprovalsService;
  let repository: DraftsRepository;
  let admin: Caller;
  let manager: Caller;
  let reviewer: Caller;
  let author: Caller;

  beforeAll(async () => {
    medium = await Medium.start();
    drafts = medium.get(DraftsService);
    approvals = medium.get(ApprovalsService);
    repository = medium.get(DraftsRepository);
    admin = await medium.admin();
    manager = await medium.staff(['manager']);
    reviewer = await medium.staff(['manager']);
    author = await medium.staff(['staff']);
    const policies = medium.get(PolicyService);
    await policies.create(manager, { version: '2026.1', title: 'Social media policy', text: 'Only authorised staff post.' } as never);
    await policies.acknowledge(author);
  });
  afterAll(() => medium.close());

  /** An active sandbox account the author may post to. */
  async function account(name: string): Promise<string> {
    const accounts = medium.get(AccountsService);
    const created = await accounts.create(admin, { platform: 'facebook', name, externalId: `page-${Math.random().toString(16).slice(2)}`, ownerId: manager.staffId, mode: 'sandbox' } as never);
    const dpias = medium.get(DpiaService);
    const dpo = await medium.staff(['dpo']);
    await dpias.save(manager, created.id, completeDpia() as never);
    await dpias.submit(manager, created.id);
    await dpias.signOff(dpo, created.id, { decision: 'approved', dpoAdvice: 'Proportionate.' } as never);
    await accounts.activate(manager, created.id);
    await medium.get(AuthorisationsService).grant(manager, created.id, { staffId: author.staffId, reason: 'Posts the news' });
    return created.id;
  }

  const newDraft = (accountId: string, text: string): Promise<DraftView> => drafts.create(author, { accountId, text } as never);
  /** Submitted a second after the previous one, so the queue's order is the order of the calls. */
  const submitted = async (accountId: string, text: string): Promise<DraftView> => {
    medium.travel(1_000);
    return drafts.submit(author, (await newDraft(accountId, text)).id);
  };

  it('shows the approval queue of an account oldest submission first, a page at a time, with only drafts waiting for approval', async () => {
    const [elm, oak] = [await account('Elm House'), await account('Oak Lodge')];
    await newDraft(elm, 'Not submitted yet.');
    const first = await submitted(elm, 'Summer fair on Saturday.');
    const withdrawn = await submitted(elm, 'Changed my mind.');
    await drafts.withdraw(author, withdrawn.id);
    const elsewhere = await submitted(oak, 'Another home entirely.');
    const second = await submitted(elm, 'Thank you to our volunteers.');

    const page1 = await approvals.queue(reviewer, { accountId: elm, limit: 1 } as never);
    expect(page1.items.map((item) => [item.id, item.status, item.waitingSince])).toEqual([[first.id, 'submitted', expect.any(String)]]);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await approvals.queue(reviewer, { accountId: elm, limit: 1, cursor: page1.nextCursor } as never);
    expect(page2.items.map((item) => item.id)).toEqual([second.id]);
    expect(page2.nextCursor).toBeNull();
    expect(page1.items[0].waitingSince < page2.items[0].waitingSince).toBe(true);

    // Without an account, every account's waiting drafts, still oldest first.
    const all = (await approvals.queue(reviewer, { limit: 100 } as never)).items.map((item) => item.id);
    expect(all.filter((id) => [first.id, elsewhere.id, second.id, withdrawn.id].includes(id))).toEqual([first.id, elsewhere.id, second.id]);
  });

  it('closing an account withdraws exactly its drafts that can still be withdrawn, and names them beforehand', async () => {
    const [elm, oak] = [await account('Birch Court'), await account('Cedar View')];
    const open = await newDraft(elm, 'Still being written.');
    const waiting = await submitted(elm, 'Waiting for a manager.');
    const sentBack = await submitted(elm, 'Needs the date.');
    await approvals.requestChanges(reviewer, sentBack.id, { comment: 'Add the date' });
    const rejected = await submitted(elm, 'Not for us.');
    await approvals.reject(reviewer, rejected.id, { reason: 'Off topic' });
    const otherAccount = await submitted(oak, 'Another home.');

    const withdrawable = [open.id, waiting.id, sentBack.id].sort();
    const states = DRAFT_LIFECYCLE.statesAllowing('withdraw');
    expect(await repository.idsOfAccountIn(elm, states)).toEqual(withdrawable);
    expect(await drafts.planAccountClosing(medium.dataSource.manager, { id: elm })).toEqual({ withdrawnDrafts: withdrawable });

    await medium.get(AccountsService).close(admin, elm, { reason: 'Home sold' });
    for (const id of withdrawable) expect((await drafts.get(manager, id)).status).toBe('withdrawn');
    expect((await drafts.get(manager, rejected.id)).status).toBe('rejected');
    expect((await drafts.get(manager, otherAccount.id)).status).toBe('submitted');
    const history = await drafts.historyOf(manager, waiting.id, {});
    expect(history.items.map((event) => [event.seq, event.action, event.toStatus])).toEqual([
      [1, 'created', 'draft'],
      [2, 'submitted', 'submitted'],
      [3, 'withdrawn', 'withdrawn'],
    ]);
    expect(history.items[2].details).toMatchObject({ reason: 'account closed: Home sold' });
    expect(await repository.idsOfAccountIn(elm, states)).toEqual([]);
  });

  it('reads and writes in the transaction it is called in: a write rolled back leaves nothing behind', async () => {
    const elm = await account('Hazel Gardens');
    const draft = await newDraft(elm, 'A draft to hold.');
    const failure = new Error('undo');
    const seenInside = await medium.transactions
      .run(async () => {
        const held = await repository.findForUpdate(draft.id);
        const missing = await repository.findForUpdate('0190f5d0-0000-7000-8000-00000000dead');
        await repository.insertRevision(repository.buildRevision({ id: '0190f5d0-0000-7000-8000-000000000001', draftId: draft.id, number: 99, text: 'never kept', title: null, link: null, media: [], contentHash: 'x'.repeat(64), createdAt: new Date().toISOString(), createdById: author.staffId }));
        const inside = (await repository.revisionsByIds(['0190f5d0-0000-7000-8000-000000000001'])).map((row) => row.text);
        throw Object.assign(failure, { inside, held: held?.id, missing });
      })
      .catch((error: Error & { inside: string[]; held: string; missing: null }) => error);
    expect(seenInside).toMatchObject({ inside: ['never kept'], held: draft.id, missing: null });
    expect(await repository.revisionsByIds(['0190f5d0-0000-7000-8000-000000000001'])).toEqual([]);
    // The draft still shows the revision it was written with.
    expect((await drafts.get(author, draft.id)).revision.text).toBe('A draft to hold.');
  });

  it('finds the drafts handed over to publishing by their current revision', async () => {
    const elm = await account('Willow Bank');
    const draft = await submitted(elm, 'Going out soon.');
    medium.travel(1_000);
    const scheduledFor = new Date(Date.now() + 86_400_000 * 30).toISOString();
    const approved = await approvals.approve(reviewer, draft.id, { revisionId: draft.revision.id, scheduledFor } as never);
    expect(approved.status).toBe('scheduled');
    const handedOver = await repository.currentRevisionsIn(['scheduled']);
    expect(handedOver).toContainEqual({ id: draft.id, currentRevisionId: draft.revision.id });
    expect(await repository.currentRevisionsIn(['draft'])).not.toContainEqual(expect.objectContaining({ id: draft.id }));
  });
});
