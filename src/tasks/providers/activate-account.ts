import { Permission } from '../../auth/permissions';
import { accountTask } from './account-tasks';

/** The DPO approved the DPIA but nobody has switched the account on yet. */
export const activateAccount = accountTask({
  kind: 'activate_account',
  permission: Permission.AccountStatus,
  where: (query) =>
    query
      .where('a.status = :pending', { pending: 'pending_dpia' })
      .andWhere(`EXISTS (SELECT 1 FROM dpias p WHERE p."accountId" = a.id AND p.status = 'approved')`),
  since: `(SELECT MAX(p."signedOffAt") FROM dpias p WHERE p."accountId" = a.id AND p.status = 'approved')`,
  title: (account) => `Activate ${account.name}: its DPIA is approved`,
  path: (account) => `/accounts/${account.id}`,
});
