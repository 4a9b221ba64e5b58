import { Caller } from '../auth/caller';
import { ConcernAction } from './concern-lifecycle';
import { Concern } from './concern.entity';
import { ConcernNote } from './concern-note.entity';
import { seesAsInvestigator } from './concern-visibility';
import type { BreachResponse, ConcernNoteResponse, ConcernResponse } from './dto/concern-response.dto';

/** Declared once, in the OpenAPI response classes, which say what each field means. */
export type BreachView = BreachResponse;
export type ConcernNoteView = ConcernNoteResponse;
export type ConcernView = ConcernResponse;

export function toBreachView(concern: Concern): BreachView | null {
  if (!concern.hasBreach()) return null;
  return {
    awareAt: concern.breachAwareAt!,
    icoDeadline: concern.breachIcoDeadline!,
    decision: concern.breachDecision,
    decisionReason: concern.breachDecisionReason,
    decidedById: concern.breachDecidedById,
    decidedAt: concern.breachDecidedAt,
    icoReference: concern.breachIcoReference,
    reportedToIcoAt: concern.breachReportedToIcoAt,
  };
}

/**
 * `notes` is only consulted for callers who may read the investigation record; `allowedActions` comes
 * from the concern rules (Access), the same rules the service applies.
 */
export function toConcernView(caller: Caller, concern: Concern, notes: ConcernNote[], allowedActions: ConcernAction[]): ConcernView {
  return {
    id: concern.id,
    kind: concern.kind,
    status: concern.status,
    description: concern.description,
    draftId: concern.draftId,
    url: concern.url,
    reportedById: concern.reportedById,
    reportedAt: concern.reportedAt,
    involvesServiceUsers: concern.involvesServiceUsers,
    personalData: concern.personalData,
    assignedToId: concern.assignedToId,
    safeguardingNotifiedAt: concern.safeguardingNotifiedAt,
    hrAdviceSoughtAt: concern.hrAdviceSoughtAt,
    outcome: concern.outcome,
    resolvedAt: concern.resolvedAt,
    resolvedById: concern.resolvedById,
    breach: toBreachView(concern),
    // A reporter who is not also an investigator gets null: the investigation record is not theirs to read.
    notes: seesAsInvestigator(caller, concern) ? notes.map(({ id, authorId, at, text }) => ({ id, authorId, at, text })) : null,
    allowedActions,
  };
}
