import { SelectQueryBuilder } from 'typeorm';
import { Caller, hasRole } from '../auth/caller';
import { Concern } from './concern.entity';

/**
 * Who sees a concern (API.md section 17): managers all; the Safeguarding Lead those involving people the
 * service supports; the DPO those about personal data; its reporter their own, without the notes.
 */
export function seesAsInvestigator(caller: Caller, concern: Pick<Concern, 'involvesServiceUsers' | 'personalData'>): boolean {
  return (
    hasRole(caller, 'manager') ||
    (hasRole(caller, 'safeguarding_lead') && concern.involvesServiceUsers) ||
    (hasRole(caller, 'dpo') && concern.personalData)
  );
}

export function canSee(caller: Caller, concern: Concern): boolean {
  return seesAsInvestigator(caller, concern) || concern.reportedById === caller.staffId;
}

/** The same rule as a WHERE clause on alias `c`, so lists page over what the caller may see. */
export function visibleTo(builder: SelectQueryBuilder<Concern>, caller: Caller): SelectQueryBuilder<Concern> {
  if (hasRole(caller, 'manager')) return builder;
  const clauses = ['c.reportedById = :visibleToStaffId'];
  if (hasRole(caller, 'safeguarding_lead')) clauses.push('c.involvesServiceUsers = :visibleToTrue');
  if (hasRole(caller, 'dpo')) clauses.push('c.personalData = :visibleToTrue');
  return builder.andWhere(`(${clauses.join(' OR ')})`, { visibleToStaffId: caller.staffId, visibleToTrue: true });
}
