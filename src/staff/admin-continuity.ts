/** One admin with access now: `accessUntil` is their leaving instant, or null when no leave is scheduled. */
export interface AdminStanding {
  staffId: string;
  accessUntil: string | null;
}

/** What a change does to one person's admin standing: the role goes, or their access ends at an instant (now or later). */
export type AdminChange = { staffId: string; losesAdminRole: true } | { staffId: string; leavesAt: string };

/**
 * True when, after the change, some future instant would have no admin with access. Every leave ends at
 * a finite instant, so that holds exactly when no admin is left without a leaving time: checking each
 * leaving instant one by one would reach the same answer.
 */
export function leavesNoAdmin(admins: readonly AdminStanding[], change: AdminChange): boolean {
  const after = admins.flatMap((admin): AdminStanding[] => {
    if (admin.staffId !== change.staffId) return [admin];
    if ('losesAdminRole' in change) return [];
    return [{ staffId: admin.staffId, accessUntil: change.leavesAt }];
  });
  return !after.some((admin) => admin.accessUntil === null);
}
