import { Account } from '../../src/accounts/account.entity';
import { AccountsService } from '../../src/accounts/accounts.service';
import { AccountClosedError, CredentialsMissingError, DpiaNotApprovedError } from '../../src/accounts/accounts-errors';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Caller } from '../../src/auth/caller';
import { Permission } from '../../src/auth/permissions';
import { Access } from '../../src/common/access/access.service';
import { ForbiddenError, InvalidStateError, NotFoundError } from '../../src/common/errors/generic-errors';
import { DpiaIncompleteError, SelfSignOffForbiddenError } from '../../src/dpia/dpia-errors';
import { DpiaService } from '../../src/dpia/dpia.service';
import { Medium } from '../support/medium';

const screening = { vulnerableSubjects: true, specialCategoryData: false, children: false, systematicMonitoring: false, newTechnology: false, largeScale: false };
const text = (risks: number) => ({
  purpose: 'News from the home',
  dataCategories: ['photos'],
  dataSubjects: ['residents'],
  lawfulBasis: 'consent',
  screening,
  risks: Array.from({ length: risks }, () => ({ description: 'a face shown', likelihood: 'possible', severity: 'significant', mitigation: 'consent first', residualRisk: 'low' })),
});

describe('account and DPIA rules (no HTTP)', () => {
  let medium: Medium;
  let accounts: AccountsService;
  let dpias: DpiaService;
  let access: Access;
  let admin: Caller;
  let manager: Caller;
  let dpo: Caller;

  beforeAll(async () => {
    medium = await Medium.start();
    accounts = medium.get(AccountsService);
    dpias = medium.get(DpiaService);
    access = medium.get(Access);
    admin = await medium.admin();
    manager = await medium.staff(['manager']);
    dpo = await medium.staff(['dpo']);
  });
  afterAll(() => medium.close());

  const newAccount = (mode: 'live' | 'sandbox' = 'sandbox') =>
    accounts.create(admin, { platform: 'facebook', name: 'Riverside', externalId: `page-${Math.random().toString(16).slice(2)}`, ownerId: manager.staffId, mode } as never);
  const refusal = async (work: Promise<unknown>): Promise<unknown> => work.then(() => null, (error: unknown) => error);

  it('offers a new account only what its state and the caller allow, and refuses the rest for the same reason', async () => {
    const account = await newAccount();
    expect(account.status).toBe('pending_dpia');
    // A sandbox account has no token to check or reconnect.
    expect(account.allowedActions).toEqual(['edit', 'set_credentials', 'add_platform_admin', 'remove_platform_admin', 'close']);
    expect(await refusal(access.require(admin, Permission.AccountStatus, account.id))).toBeInstanceOf(DpiaNotApprovedError);
    expect(await refusal(access.require(admin, Permission.AccountSuspend, account.id))).toBeInstanceOf(InvalidStateError);
    expect(await refusal(access.require(admin, Permission.AccountReconnect, account.id))).toMatchObject({ code: 'VALIDATION_FAILED' });

    const seenByManager = await accounts.get(manager, account.id);
    expect(seenByManager.allowedActions).toEqual(['add_platform_admin', 'remove_platform_admin', 'authorise']);
    expect(await refusal(access.require(manager, Permission.AccountClose, account.id))).toBeInstanceOf(ForbiddenError);
    expect((await accounts.get(dpo, account.id)).allowedActions).toEqual([]);
  });

  it('hides an account from staff not authorised on it (404, never 403)', async () => {
    const account = await newAccount();
    const staff = await medium.staff(['staff']);
    expect(await refusal(accounts.get(staff, account.id))).toBeInstanceOf(NotFoundError);
    expect(await refusal(access.require(staff, Permission.AccountClose, account.id))).toBeInstanceOf(NotFoundError);
    const row = await medium.dataSource.getRepository(Account).findOneByOrFail({ id: account.id });
    expect((await access.allowedActions(staff, 'account', [row])).get(account.id)).toEqual([]);
  });

  it('needs credentials to activate a live account even with a DPIA in force', async () => {
    const account = await newAccount('live');
    await dpias.save(manager, account.id, text(1) as never);
    await dpias.submit(manager, account.id);
    await dpias.signOff(dpo, account.id, { decision: 'approved', dpoAdvice: 'fine' } as never);
    expect((await accounts.get(admin, account.id)).allowedActions).not.toContain('activate');
    expect(await refusal(access.require(admin, Permission.AccountStatus, account.id))).toBeInstanceOf(CredentialsMissingError);
  });

  it('walks a DPIA through its versions, offering each step only to whom may take it', async () => {
    const account = await newAccount();
    const notStarted = await dpias.get(manager, account.id);
    expect(notStarted).toMatchObject({ status: 'not_started', allowedActions: ['new_version'] });

    const incomplete = await dpias.save(manager, account.id, text(0) as never);
    // Submitting is offered on a draft version (the form submits what is typed, saved first); an incomplete one is refused then.
    expect(incomplete).toMatchObject({ status: 'draft', version: 1, allowedActions: ['edit', 'submit'] });
    expect(await refusal(dpias.submit(manager, account.id))).toBeInstanceOf(DpiaIncompleteError);

    const draft = await dpias.save(manager, account.id, text(1) as never);
    expect(draft.allowedActions).toEqual(['edit', 'submit']);
    expect((await dpias.get(dpo, account.id)).allowedActions).toEqual([]);
    const submitted = await dpias.submit(manager, account.id);
    expect(submitted).toMatchObject({ status: 'awaiting_sign_off', allowedActions: ['edit'] });
    expect((await dpias.get(dpo, account.id)).allowedActions).toEqual(['approve', 'reject']);

    const approved = await dpias.signOff(dpo, account.id, { decision: 'approved', dpoAdvice: 'fine' } as never);
    expect(approved).toMatchObject({ status: 'approved', allowedActions: [] });
    expect((await dpias.get(manager, account.id)).allowedActions).toEqual(['new_version']);
    expect((await accounts.get(admin, account.id)).allowedActions).toContain('activate');

    const second = await dpias.save(manager, account.id, text(1) as never);
    expect(second).toMatchObject({ status: 'draft', version: 2, inForce: { version: 1 } });
    const history = await dpias.history(manager, account.id, {} as never);
    expect(history.items.map((v) => [v.version, v.allowedActions])).toEqual([[2, ['edit', 'submit']], [1, []]]);
  });

  it('never lets whoever wrote part of a DPIA sign it off', async () => {
    const account = await newAccount();
    const both = await medium.staff(['manager', 'dpo']);
    await dpias.save(both, account.id, text(1) as never);
    await dpias.submit(manager, account.id);
    expect((await dpias.get(both, account.id)).allowedActions).toEqual(['edit']);
    expect(await refusal(dpias.signOff(both, account.id, { decision: 'rejected', dpoAdvice: 'no' } as never))).toBeInstanceOf(SelfSignOffForbiddenError);
    expect((await dpias.get(dpo, account.id)).allowedActions).toEqual(['approve', 'reject']);
  });

  it('closes for good: one entry of its own first, naming what it revoked; afterwards only the platform-admin roster may change', async () => {
    const account = await newAccount();
    await dpias.save(manager, account.id, text(1) as never);
    const before = await medium.auditHead();
    const closed = await accounts.close(admin, account.id, { reason: 'retired' });
    expect(closed).toMatchObject({ status: 'closed', statusReason: 'retired', allowedActions: ['remove_platform_admin'] });
    const entries = await medium.dataSource.getRepository(AuditEntry).createQueryBuilder('e').where('e.id > :before', { before }).orderBy('e.id').getMany();
    expect(entries.map((e) => e.action)).toEqual(['account.closed']);
    const details = typeof entries[0].details === 'string' ? JSON.parse(entries[0].details) : entries[0].details;
    expect(details).toMatchObject({ from: 'pending_dpia', to: 'closed', reason: 'retired', revokedAuthorisations: [], withdrawnDrafts: [] });
    expect(details).not.toHaveProperty('causedBy');

    for (const permission of [Permission.AccountUpdate, Permission.AccountCredentials, Permission.AccountClose, Permission.AccountPlatformAdmins]) {
      expect(await refusal(access.require(admin, permission, account.id))).toBeInstanceOf(AccountClosedError);
    }
    expect(await refusal(access.require(manager, Permission.AuthorisationGrant, account.id))).toBeInstanceOf(AccountClosedError);
    expect((await dpias.get(manager, account.id)).allowedActions).toEqual([]);
    expect(await refusal(dpias.save(manager, account.id, text(1) as never))).toBeInstanceOf(AccountClosedError);
  });
});
