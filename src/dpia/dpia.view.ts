import { Dpia, NOT_SIGNED_OFF } from './dpia.entity';
import { DPIA_LIFECYCLE, dpiaStatusAt } from './dpia-lifecycle';
import type { DpiaInForceResponse, DpiaResponse } from './dto/dpia-response.dto';

/** Declared once, in the OpenAPI response classes. */
export type DpiaInForce = DpiaInForceResponse;
export type DpiaView = DpiaResponse;

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
