import { EntityManager, In, IsNull, Not } from 'typeorm';
import { Concern } from './concern.entity';
import { CONCERN_LIFECYCLE } from './concern-lifecycle';

export interface ConcernFigures {
  openConcerns: number;
  breachesAwaitingDecision: { concernId: string; icoDeadline: string }[];
  breachesPastDeadline: string[];
}

/** The compliance report's lines on concerns and breaches (API.md section 17). */
export async function concernFigures(manager: EntityManager, nowIso: string): Promise<ConcernFigures> {
  const repository = manager.getRepository(Concern);
  const openConcerns = await repository.countBy({ status: In(CONCERN_LIFECYCLE.openStates()) });
  const undecided = await repository.find({
    where: { breachAwareAt: Not(IsNull()), breachDecision: IsNull() },
    select: { id: true, breachIcoDeadline: true },
    order: { breachIcoDeadline: 'ASC', id: 'ASC' },
  });
  return {
    openConcerns,
    breachesAwaitingDecision: undecided.map((row) => ({ concernId: row.id, icoDeadline: row.breachIcoDeadline! })),
    breachesPastDeadline: undecided.filter((row) => row.breachIcoDeadline! <= nowIso).map((row) => row.id),
  };
}
