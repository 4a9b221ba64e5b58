import { Dpia, DpiaDecision, DpiaRisk, DpiaScreening, NOT_SIGNED_OFF } from './dpia.entity';
import { DPIA_LIFECYCLE, dpiaStatusAt, DpiaStatus } from './dpia-lifecycle';

export interface DpiaInForce {
  version: number;
  reviewDueAt: string;
}

export interface DpiaView {
  accountId: string;
  version: number | null;
  status: DpiaStatus;
  purpose: string | null;
  dataCategories: string[];
  dataSubjects: string[];
  lawfulBasis: string | null;
  screening: DpiaScreening | null;
  risks: DpiaRisk[];
  documentUrl: string | null;
  submittedById: string | null;
  submittedAt: string | null;
  signedOffById: string | null;
  signedOffAt: string | null;
  decision: DpiaDecision | null;
  dpoAdvice: string | null;
  icoConsultationReference: string | null;
  reviewDueAt: string | null;
  inForce: DpiaInForce | null;
  /** What the caller may do to the account's DPIA now (API.md section 19); none on earlier versions. */
  allowedActions: string[];
}

export function toDpiaView(dpia: Dpia, nowIso: string, inForce: DpiaInForce | null, allowedActions: string[]): DpiaView {
  return {
    accountId: dpia.accountId,
    version: dpia.version,
    status: dpiaStatusAt(dpia, nowIso),
    purpose: dpia.purpose,
    dataCategories: dpia.dataCategories,
    dataSubjects: dpia.dataSubjects,
    lawfulBasis: dpia.lawfulBasis,
    screening: dpia.screening,
    risks: dpia.risks,
    documentUrl: dpia.documentUrl,
    submittedById: dpia.submittedById,
    submittedAt: dpia.submittedAt,
    signedOffById: dpia.signedOffById,
    signedOffAt: dpia.signedOffAt,
    decision: dpia.decision,
    dpoAdvice: dpia.dpoAdvice,
    icoConsultationReference: dpia.icoConsultationReference,
    reviewDueAt: dpia.reviewDueAt,
    inForce,
    allowedActions,
  };
}

/** Before anyone starts the DPIA of an account. */
export function notStartedView(accountId: string, allowedActions: string[]): DpiaView {
  return {
    accountId,
    version: null,
    status: DPIA_LIFECYCLE.initial,
    purpose: null,
    dataCategories: [],
    dataSubjects: [],
    lawfulBasis: null,
    screening: null,
    risks: [],
    documentUrl: null,
    submittedById: null,
    submittedAt: null,
    ...NOT_SIGNED_OFF,
    inForce: null,
    allowedActions,
  };
}
