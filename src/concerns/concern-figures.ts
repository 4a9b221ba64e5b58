import { EntityManager } from 'typeorm';
import { CONCERN_LIFECYCLE } from './concern-lifecycle';
import { ConcernsRepository } from './concerns.repository';

export interface ConcernFigures {
  openConcerns: number;
  breachesAwaitingDecision: { concernId: string; icoDeadline: string }[];
  breachesPastDeadline: string[];
}

/** The compliance report's lines on concerns and breaches (API.md section 17). */
export async function concernFigures(manager: EntityManager, nowIso: string): Promise<ConcernFigures> {
  const openConcerns = await ConcernsRepository.countIn(manager, CONCERN_LIFECYCLE.openStates());
  const undecided = await ConcernsRepository.undecidedBreachDeadlines(manager);
  return {
    openConcerns,
    breachesAwaitingDecision: undecided.map((row) => ({ concernId: row.id, icoDeadline: row.breachIcoDeadline! })),
    breachesPastDeadline: undecided.filter((row) => row.breachIcoDeadline! <= nowIso).map((row) => row.id),
  };
}
