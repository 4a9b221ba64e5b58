import { Permission } from '../../auth/permissions';
import { addMs, DAY } from '../../common/time';
import { accountTask } from './account-tasks';
import { OPEN_ACCOUNT_STATUSES } from '../../accounts/account-lifecycle';
import { DPIA_IN_FORCE_STATE } from '../../dpia/dpia-lifecycle';

const WINDOW_MS = 30 * DAY;
// The in-force state is the lifecycle's constant, not user input, so it may sit in the SQL text.
const LATEST_APPROVED_DUE = `EXISTS (SELECT 1 FROM dpias p WHERE p."accountId" = a.id AND p.status = '${DPIA_IN_FORCE_STATE}' AND p."reviewDueAt" <= :due
  AND NOT EXISTS (SELECT 1 FROM dpias q WHERE q."accountId" = a.id AND q.status = '${DPIA_IN_FORCE_STATE}' AND q.version > p.version))`;

/** The account's approved DPIA must be reviewed within 30 days (or is overdue). */
export const reviewDpia = accountTask({
  kind: 'review_dpia',
  permission: Permission.DpiaEdit,
  where: (query, nowIso) => query.where('a.status IN (:...open)', { open: OPEN_ACCOUNT_STATUSES }).andWhere(LATEST_APPROVED_DUE, { due: addMs(nowIso, WINDOW_MS) }),
  since: `(SELECT MAX(p."reviewDueAt") FROM dpias p WHERE p."accountId" = a.id AND p.status = '${DPIA_IN_FORCE_STATE}')`,
  title: (account) => `Review the DPIA for ${account.name}: it is due`,
  path: (account) => `/accounts/${account.id}/dpia`,
  async dueSubjects(manager, nowIso) {
    const rows = await manager
      .createQueryBuilder()
      .select('p."accountId"', 'id')
      .from('dpias', 'p')
      .where('p.status = :approved AND p."reviewDueAt" <= :due', { approved: DPIA_IN_FORCE_STATE, due: addMs(nowIso, WINDOW_MS) })
      .limit(500)
      .getRawMany<{ id: string }>();
    return [...new Set(rows.map((row) => row.id))];
  },
});
