import { EntityManager } from 'typeorm';
import { Caller, hasRole } from '../auth/caller';
import { Concern, ConcernKind } from './concern.entity';
import { CONCERN_LIFECYCLE } from './concern-lifecycle';
import { ConcernsRepository } from './concerns.repository';

/** API.md section 16's Task, for the two kinds concerns bring. */
export interface ConcernTask {
  kind: 'triage_concern' | 'decide_breach';
  subjectType: 'concern';
  subjectId: string;
  title: string;
  since: string;
  path: string;
}

/** A breach decision becomes a task this long before the ICO deadline (and stays one past it). */
export const DECIDE_BREACH_WARNING_MS = 24 * 60 * 60 * 1000;

// Titles name the kind only: a description may name people the service supports, and titles go out by email.
const KIND_WORDS: Record<ConcernKind, string> = {
  post: 'a post',
  colleague_conduct: "a colleague's conduct",
  content_about_us: 'content about the organisation',
  harassment: 'harassment',
  mistake: 'a mistake',
  other: 'something else',
};

const pathOf = (concern: Pick<Concern, 'id'>) => `/concerns/${concern.id}`;

/**
 * triage_concern: for the Safeguarding Lead, every concern involving people the service supports until it is
 * resolved; for managers, every concern still open (nobody has taken a step on it yet). Oldest first.
 */
export async function triageConcernTasks(manager: EntityManager, caller: Caller): Promise<ConcernTask[]> {
  const found = new Map<string, Concern>();
  if (hasRole(caller, 'safeguarding_lead')) {
    for (const row of await ConcernsRepository.involvingServiceUsersIn(manager, CONCERN_LIFECYCLE.statesAllowing('add_note'))) found.set(row.id, row);
  }
  if (hasRole(caller, 'manager')) {
    for (const row of await ConcernsRepository.inStatus(manager, CONCERN_LIFECYCLE.initial)) found.set(row.id, row);
  }
  return [...found.values()]
    .sort((a, b) => a.reportedAt.localeCompare(b.reportedAt) || a.id.localeCompare(b.id))
    .map((concern) => ({
      kind: 'triage_concern',
      subjectType: 'concern',
      subjectId: concern.id,
      title: `Look into a concern about ${KIND_WORDS[concern.kind]}${concern.involvesServiceUsers ? ' involving people we support' : ''}`,
      since: concern.reportedAt,
      path: pathOf(concern),
    }));
}

/** decide_breach: for the DPO and managers, each undecided breach from 24 hours before its ICO deadline. */
export async function decideBreachTasks(manager: EntityManager, caller: Caller, now: Date): Promise<ConcernTask[]> {
  if (!hasRole(caller, 'dpo', 'manager')) return [];
  const warnFrom = new Date(now.getTime() + DECIDE_BREACH_WARNING_MS).toISOString();
  const rows = await ConcernsRepository.undecidedBreachesDueBy(manager, warnFrom);
  const nowIso = now.toISOString();
  return rows.map((concern) => {
    const deadline = concern.breachIcoDeadline!;
    return {
      kind: 'decide_breach',
      subjectType: 'concern',
      subjectId: concern.id,
      title: deadline <= nowIso
        ? 'Decide whether a personal data breach is reportable: the ICO deadline has passed'
        : `Decide whether a personal data breach is reportable to the ICO by ${deadline.slice(0, 16).replace('T', ' ')} UTC`,
      since: new Date(new Date(deadline).getTime() - DECIDE_BREACH_WARNING_MS).toISOString(),
      path: pathOf(concern),
    };
  });
}
