import { AccountsService } from '../../src/accounts/accounts.service';
import { ApprovalsService } from '../../src/approvals/approvals.service';
import { Caller } from '../../src/auth/caller';
import { AuthorisationsService } from '../../src/authorisations/authorisations.service';
import { DpiaService } from '../../src/dpia/dpia.service';
import { DraftsService } from '../../src/drafts/drafts.service';
import { PolicyService } from '../../src/policy/policy.service';
import { PublishQueue } from '../../src/publishing/publish-queue';
import { SandboxPost } from '../../src/publishing/sandbox-post.entity';
import { completeDpia } from '../governance/fixtures';
import { Medium } from '../support/medium';

jest.setTimeout(60_000);

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let value = await probe(); ; value = await probe()) {
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('publishing with the sync queue driver', () => {
  let medium: Medium;
  // Nothing listens on port 1: the pipeline must not need Redis at all.
  beforeAll(async () => (medium = await Medium.start({ GATEHOUSE_QUEUE_DRIVER: 'sync', REDIS_URL: 'redis://127.0.0.1:1' })));
  afterAll(() => medium.close());

  async function sandboxAccount(): Promise<{ accountId: string; author: Caller; reviewer: Caller }> {
    const [admin, manager, dpo, author, reviewer] = [await medium.admin(), await medium.staff(['manager']), await medium.staff(['dpo']), await medium.staff(['staff']), await medium.staff(['manager'])];
    const policies = medium.get(PolicyService);
    await policies.create(manager, { version: '2026.1', title: 'Social media policy', text: 'Only authorised staff post.' } as never);
    await policies.acknowledge(author);
    const accounts = medium.get(AccountsService);
    const account = await accounts.create(admin, { platform: 'facebook', name: 'Riverside Care', externalId: 'page-medium', ownerId: manager.staffId, mode: 'sandbox' } as never);
    const dpias = medium.get(DpiaService);
    await dpias.save(manager, account.id, completeDpia() as never);
    await dpias.submit(manager, account.id);
    await dpias.signOff(dpo, account.id, { decision: 'approved', dpoAdvice: 'Proportionate.' } as never);
    await accounts.activate(manager, account.id);
    await medium.get(AuthorisationsService).grant(manager, account.id, { staffId: author.staffId, reason: 'Posts the news' });
    return { accountId: account.id, author, reviewer };
  }

  it('publishes an approved draft to the sandbox in-process, once, with no BullMQ queue', async () => {
    expect(medium.get(PublishQueue).isBullMq).toBe(false);
    const { accountId, author, reviewer } = await sandboxAccount();
    const drafts = medium.get(DraftsService);
    const draft = await drafts.create(author, { accountId, text: 'Our garden party raised £400 for the minibus.' } as never);
    await drafts.submit(author, draft.id);
    const approved = await medium.get(ApprovalsService).approve(reviewer, draft.id, { revisionId: draft.revision.id } as never);
    expect(approved.status).toBe('publishing');

    const published = await eventually(() => drafts.get(author, draft.id), (view) => view.status !== 'publishing');
    expect(published.status).toBe('published');
    expect(published.publication).toMatchObject({ externalId: expect.stringMatching(/^sandbox:/) });
    const posts = await medium.dataSource.getRepository(SandboxPost).findBy({ draftId: draft.id });
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ accountId, externalId: published.publication!.externalId, text: 'Our garden party raised £400 for the minibus.' });

    const history = (await drafts.historyOf(author, draft.id, {} as never)).items.map((event: { action: string }) => event.action);
    expect(history).toEqual(expect.arrayContaining(['approved', 'published']));
  });
});
