import { Caller } from '../auth/caller';
import { ConcernAction, ConcernStatus } from './concern-lifecycle';
import { BreachDecision, Concern, ConcernKind } from './concern.entity';
import { ConcernNote } from './concern-note.entity';
import { seesAsInvestigator } from './concern-visibility';

export interface BreachView {
  awareAt: string;
  icoDeadline: string;
  decision: BreachDecision | null;
  decisionReason: string | null;
  decidedById: string | null;
  decidedAt: string | null;
  icoReference: string | null;
  reportedToIcoAt: string | null;
}

export interface ConcernNoteView {
  id: string;
  authorId: string;
  at: string;
  text: string;
}

export interface ConcernView {
  id: string;
  kind: ConcernKind;
  status: ConcernStatus;
  description: string;
  draftId: string | null;
  url: string | null;
  reportedById: string;
  reportedAt: string;
  involvesServiceUsers: boolean;
  personalData: boolean;
  assignedToId: string | null;
  safeguardingNotifiedAt: string | null;
  hrAdviceSoughtAt: string | null;
  outcome: string | null;
  resolvedAt: string | null;
  resolvedById: string | null;
  breach: BreachView | null;
  /** Null for a reporter who is not also an investigator: the investigation record is not theirs to read. */
  notes: ConcernNoteView[] | null;
  allowedActions: ConcernAction[];
}

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
    notes: seesAsInvestigator(caller, concern) ? notes.map(({ id, authorId, at, text }) => ({ id, authorId, at, text })) : null,
    allowedActions,
  };
}
