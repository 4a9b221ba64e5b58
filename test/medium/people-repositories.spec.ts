import { randomUUID } from 'crypto';
import { AccountsService } from '../../src/accounts/accounts.service';
import { Caller } from '../../src/auth/caller';
import { AlreadyAuthorisedError } from '../../src/authorisations/authorisations-errors';
import { AuthorisationsService } from '../../src/authorisations/authorisations.service';
import { Clock } from '../../src/common/clock';
import { NotFoundError } from '../../src/common/errors/generic-errors';
import { ComplianceReportService } from '../../src/reports/compliance-report.service';
import { ScimService } from '../../src/scim/scim.service';
import { Medium } from '../support/medium';

jest.setTimeout(60_000);

const DAY = 86_400_000;
const ALL_FIELDS = { attributes: null, excluded: [] };

/** What the repositories' queries decide, as a manager or an identity provider sees it (services, no HTTP). */
describe('authorisation and SCIM user queries', () => {
  let medium: Medium;
  let manager: Caller;
  let otherManager: Caller;
  beforeAll(async () => {
    medium = await Medium.start();
    [manager, otherManager] = [await medium.staff(['manager']), await medium.staff(['manager'])];
  });
  afterAll(() => medium.close());

  describe('authorisations in effect', () => {
    const authorisations = () => medium.get(AuthorisationsService);
    /** A day after the application's clock (which the tests move on). */
    const inADay = () => new Date(medium.get(Clock).now().getTime() + DAY).toISOString();
    const newAccount = async () =>
      (await medium.get(AccountsService).create(await medium.admin(), { platform: 'facebook', name: `Home ${randomUUID().slice(0, 6)}`, externalId: `page-${randomUUID()}`, ownerId: manager.staffId, mode: 'sandbox' } as never)).id;

    it('counts a grant until it is revoked or its expiry passes, in every place that asks', async () => {
      const alice = await medium.staff(['staff']);
      const [standing, expiring, revoked] = [await newAccount(), await newAccount(), await newAccount()];
      await authorisations().grant(manager, standing, { staffId: alice.staffId, reason: 'Posts the news' });
      await authorisations().grant(manager, expiring, { staffId: alice.staffId, reason: 'Covers a month', expiresAt: inADay() } as never);
      const ended = await authorisations().grant(manager, revoked, { staffId: alice.staffId, reason: 'Stood in' });
      await authorisations().revoke(manager, ended.id, { reason: 'Back from leave' });
      const plain = medium.dataSource.manager;
      expect((await authorisations().authorisedAccountIds(plain, alice.staffId)).sort()).toEqual([standing, expiring].sort());

      medium.travel(2 * DAY);
      expect(await authorisations().authorisedAccountIds(plain, alice.staffId)).toEqual([standing]);
      expect(await authorisations().isAuthorised(plain, expiring, alice.staffId)).toBe(false);
      expect(await authorisations().isAuthorised(plain, revoked, alice.staffId)).toBe(false);
      expect(await authorisations().isAuthorised(plain, standing, alice.staffId)).toBe(true);

      // The account's lists split the same way, and the compliance report counts only the grant in effect.
      expect((await authorisations().listForAccount(manager, expiring, { active: 'true' })).items).toEqual([]);
      expect((await authorisations().listForAccount(manager, expiring, { active: 'false' })).items).toEqual([expect.objectContaining({ staffId: alice.staffId, active: false, revokedAt: null })]);
      expect((await authorisations().listForAccount(manager, revoked, { active: 'false' })).items).toEqual([expect.objectContaining({ staffId: alice.staffId, active: false, revokeReason: 'Back from leave' })]);
      expect((await authorisations().listForStaff(alice, alice.staffId, {})).items.map((row) => row.accountId).sort()).toEqual([standing, expiring, revoked].sort());
      const report = await medium.get(ComplianceReportService).compliance();
      const counted = new Map(report.accounts.map((account) => [account.id, account.authorisedStaff]));
      expect([counted.get(standing), counted.get(expiring), counted.get(revoked)]).toEqual([1, 0, 0]);
    });

    it('refuses a second grant while one is in effect, and allows a new one once it has expired', async () => {
      const bob = await medium.staff(['staff']);
      const account = await newAccount();
      const first = await authorisations().grant(manager, account, { staffId: bob.staffId, reason: 'Covers a week', expiresAt: inADay() } as never);
      await expect(authorisations().grant(otherManager, account, { staffId: bob.staffId, reason: 'Again' })).rejects.toMatchObject(new AlreadyAuthorisedError(first.id));
      medium.travel(2 * DAY);
      const second = await authorisations().grant(otherManager, account, { staffId: bob.staffId, reason: 'Again' });
      expect(second).toMatchObject({ active: true, grantedById: otherManager.staffId });
      expect(await authorisations().isAuthorised(medium.dataSource.manager, account, bob.staffId)).toBe(true);
    });

    it('revokes, for a leaver, only the grants still in effect, and says which', async () => {
      const carol = await medium.staff(['staff']);
      const [kept, lapsing] = [await newAccount(), await newAccount()];
      const live = await authorisations().grant(manager, kept, { staffId: carol.staffId, reason: 'Posts' });
      const lapsed = await authorisations().grant(manager, lapsing, { staffId: carol.staffId, reason: 'A week', expiresAt: inADay() } as never);
      medium.travel(2 * DAY);
      const revoked = await medium.transactions.run((tx) => authorisations().revokeAllForStaff(tx, carol.staffId, null, 'leaver'));
      expect(revoked).toEqual([live.id]);
      const rows = (await authorisations().listForStaff(carol, carol.staffId, {})).items;
      expect(rows.find((row) => row.id === live.id)).toMatchObject({ revokeReason: 'leaver', active: false });
      // An expired grant is history as it was: nobody revoked it.
      expect(rows.find((row) => row.id === lapsed.id)).toMatchObject({ revokedAt: null, revokeReason: null, active: false });
    });
  });

  describe('SCIM users', () => {
    const scim = () => medium.get(ScimService);
    const user = (userName: string, externalId: string) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      name: { givenName: 'Dana', familyName: 'Okafor' },
      emails: [{ primary: true, value: userName, type: 'work' }],
      displayName: 'Dana Okafor',
      externalId,
      active: true,
    });
    const provision = async (body: Record<string, unknown>) => (await scim().create(body)).id as string;
    const ids = async (filter: string) => {
      const list = await scim().list(filter, undefined, undefined, ALL_FIELDS);
      return { total: list.totalResults, ids: list.Resources.map((resource) => (resource as { id: string }).id) };
    };

    it('finds a user by userName and by externalId whatever their case, as SCIM compares them', async () => {
      const suffix = randomUUID().slice(0, 8);
      const created = await provision(user(`Dana.Okafor.${suffix}@Example.test`, `00uAbC${suffix}`));
      expect(await ids(`userName eq "dana.okafor.${suffix}@example.TEST"`)).toEqual({ total: 1, ids: [created] });
      expect(await ids(`externalId eq "00UABC${suffix.toUpperCase()}"`)).toEqual({ total: 1, ids: [created] });
      expect(await ids(`emails[type eq "work"].value eq "DANA.OKAFOR.${suffix.toUpperCase()}@EXAMPLE.TEST"`)).toEqual({ total: 1, ids: [created] });
      expect(await ids(`externalId eq "00uAbC${suffix}x"`)).toEqual({ total: 0, ids: [] });
    });

    it('shows someone made in Gatehouse by their one address as the work email', async () => {
      const colleague = await medium.staff(['staff']);
      const [row] = await medium.dataSource.query(`SELECT email FROM staff WHERE id = '${colleague.staffId}'`);
      expect(await ids(`emails[type eq "work"].value eq "${String(row.email).toUpperCase()}"`)).toEqual({ total: 1, ids: [colleague.staffId] });
    });

    it('hides a deleted user from lists, lookups and as a manager, and frees the address', async () => {
      const suffix = randomUUID().slice(0, 8);
      const userName = `gone.${suffix}@example.test`;
      const created = await provision(user(userName, `ext-${suffix}`));
      await scim().remove(created);
      expect(await ids(`userName eq "${userName}"`)).toEqual({ total: 0, ids: [] });
      expect(await ids(`externalId eq "ext-${suffix}"`)).toEqual({ total: 0, ids: [] });
      await expect(scim().get(created)).rejects.toBeInstanceOf(NotFoundError);
      const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
      await expect(scim().create({ ...user(`new.${suffix}@example.test`, `new-${suffix}`), [enterprise]: { manager: { value: created } } })).rejects.toMatchObject({
        message: expect.stringContaining('manager'),
      });
      const again = await provision(user(userName, `ext-${suffix}`));
      expect(again).not.toBe(created);
      expect(await ids(`userName eq "${userName}"`)).toEqual({ total: 1, ids: [again] });
    });
  });
});
