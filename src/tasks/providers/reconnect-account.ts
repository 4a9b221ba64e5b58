import { Permission } from '../../auth/permissions';
import { addMs } from '../../common/time';
import { accountTask } from './account-tasks';
import { idsIn, named, subjectOf } from './people';
import { OPEN_ACCOUNT_STATUSES } from '../../accounts/account-lifecycle';

export const EXPIRY_WARNING_MS = 14 * 24 * 3600_000;

/** Credentials that stopped working, must be rotated (a leaver knew them), or expire within 14 days. */
export const reconnectAccount = accountTask({
  kind: 'reconnect_account',
  permission: Permission.AccountCredentials,
  where: (query, nowIso) =>
    query
      .where('a.status IN (:...open)', { open: OPEN_ACCOUNT_STATUSES })
      .andWhere('(a.credentialsInvalid = :yes OR a.credentialRotationRequired = :yes OR a.credentialsExpireAt <= :soon)', { yes: true, soon: addMs(nowIso, EXPIRY_WARNING_MS) }),
  since: 'a."updatedAt"',
  title: (account) => `Reconnect ${account.name}: its credentials need renewing`,
  path: (account) => `/accounts/${account.id}`,
  touchedBy: named((event) => [...subjectOf(event, 'account'), ...(event.action === 'staff.offboarded' ? idsIn(event.details?.accountsRequiringCredentialRotation) : [])]),
  async dueSubjects(manager, nowIso) {
    const rows = await manager
      .createQueryBuilder()
      .select('a.id', 'id')
      .from('accounts', 'a')
      .where('a."credentialsExpireAt" <= :soon AND a.status IN (:...open)', { soon: addMs(nowIso, EXPIRY_WARNING_MS), open: OPEN_ACCOUNT_STATUSES })
      .limit(500)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  },
});
