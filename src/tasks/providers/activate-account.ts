import { Permission } from '../../auth/permissions';
import { accountTask } from './account-tasks';
import { ACCOUNT_LIFECYCLE } from '../../accounts/account-lifecycle';
import { DPIA_IN_FORCE_STATE } from '../../dpia/dpia-lifecycle';

/** The DPO approved the DPIA but nobody has switched the account on yet. */
export const activateAccount = accountTask({
  kind: 'activate_account',
  permission: Permission.AccountStatus,
  where: (query) =>
    query
      .where('a.status = :pending', { pending: ACCOUNT_LIFECYCLE.initial })
      .andWhere(`EXISTS (SELECT 1 FROM dpias p WHERE p."accountId" = a.id AND p.status = '${DPIA_IN_FORCE_STATE}')`),
  since: `(SELECT MAX(p."signedOffAt") FROM dpias p WHERE p."accountId" = a.id AND p.status = '${DPIA_IN_FORCE_STATE}')`,
  title: (account) => `Activate ${account.name}: its DPIA is approved`,
  path: (account) => `/accounts/${account.id}`,
});
