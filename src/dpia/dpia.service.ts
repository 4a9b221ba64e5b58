import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { Access } from '../common/access/access.service';
import { Clock } from '../common/clock';
import { ValidationFailedError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { Keyset, keysetPage, Page } from '../common/pagination';
import { addMonths } from '../common/time';
import { WritePath } from '../common/write-path/write-path';
import { Transactions } from '../common/database/transactions';
import { DpiaHistoryQuery, SaveDpiaDto, SignOffDpiaDto } from './dto/dpia.dto';
import { DpiaIncompleteError, HighResidualRiskError } from './dpia-errors';
import { DPIA_IN_FORCE_STATE, DPIA_LIFECYCLE, dpiaInForceAt, dpiaStatusAt, DpiaStatus } from './dpia-lifecycle';
import { DpiaTarget, opensVersion } from './dpia-rules';
import { Dpia, NOT_SIGNED_OFF } from './dpia.entity';
import { DpiaRepository } from './dpia.repository';
import { DpiaInForce, DpiaView, notStartedView, toDpiaView } from './dpia.view';

const DEFAULT_REVIEW_MONTHS = 12;
const MAX_REVIEW_MONTHS = 36;

/** What an account shows of its DPIA. */
export interface DpiaSummary {
  status: DpiaStatus;
  reviewDueAt: string | null;
  inForce: DpiaInForce | null;
}

const CONTENT_FIELDS: (keyof Dpia)[] = ['purpose', 'dataCategories', 'dataSubjects', 'lawfulBasis', 'screening', 'risks', 'documentUrl', 'contributorIds', 'submittedById', 'submittedAt', 'updatedAt'];

@Injectable()
export class DpiaService {
  constructor(
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly access: Access,
    private readonly repository: DpiaRepository,
  ) {}

  /** The newest version, or a not_started DPIA before anyone began one. */
  async get(caller: Caller, accountId: string): Promise<DpiaView> {
    const target = await this.access.requireVisible<DpiaTarget>(caller, 'dpia', accountId);
    return this.view(caller, target);
  }

  /** Saves the text as a draft; amending a signed-off (or rejected) version opens the next version. */
  async save(caller: Caller, accountId: string, dto: SaveDpiaDto): Promise<DpiaView> {
    return this.transactions.run(async (manager) => {
      const seen = await this.access.requireVisible<DpiaTarget>(caller, 'dpia', accountId, manager);
      const opening = opensVersion(seen);
      const target = await this.access.require<DpiaTarget>(caller, opening ? Permission.DpiaNewVersion : Permission.DpiaEdit, accountId, manager);
      const nowIso = this.clock.nowIso();
      const newest = target.newest;
      const dpia = opening
        ? this.repository.create({
            id: newId(),
            accountId,
            version: (newest?.version ?? 0) + 1,
            status: DPIA_LIFECYCLE.initial as Dpia['status'],
            ...NOT_SIGNED_OFF,
            createdById: caller.staffId,
            contributorIds: [],
            createdAt: nowIso,
          })
        : newest!;
      const withdrewSubmission = !opening && DPIA_LIFECYCLE.is(dpia, 'awaiting_sign_off');
      if (!dpia.contributorIds.includes(caller.staffId)) dpia.contributorIds = [...dpia.contributorIds, caller.staffId];
      dpia.purpose = dto.purpose;
      dpia.dataCategories = [...dto.dataCategories];
      dpia.dataSubjects = [...dto.dataSubjects];
      dpia.lawfulBasis = dto.lawfulBasis;
      dpia.screening = { ...dto.screening };
      dpia.risks = dto.risks.map((risk) => ({
        description: risk.description,
        likelihood: risk.likelihood,
        severity: risk.severity,
        mitigation: risk.mitigation,
        residualRisk: risk.residualRisk,
      }));
      dpia.documentUrl = dto.documentUrl ?? null;
      dpia.submittedById = null;
      dpia.submittedAt = null;
      dpia.updatedAt = nowIso;
      // A new version is inserted not_started and moves to draft by the write path, as any edit does.
      if (opening) await this.repository.insert(dpia);
      else await this.repository.saveFields(dpia, CONTENT_FIELDS);
      await this.writePath.transition(manager, DPIA_LIFECYCLE, dpia, 'edit', {
        actorId: caller.staffId,
        as: opening ? 'version_opened' : undefined,
        details: { version: dpia.version, withdrewSubmission, risks: dpia.risks.length },
      });
      return this.view(caller, { ...target, newest: dpia });
    });
  }

  async submit(caller: Caller, accountId: string): Promise<DpiaView> {
    return this.transactions.run(async (manager) => {
      const target = await this.access.require<DpiaTarget>(caller, Permission.DpiaSubmit, accountId, manager);
      const dpia = target.newest!;
      const missing = dpia.missingForSubmission();
      if (missing.length > 0) throw new DpiaIncompleteError(missing);
      const nowIso = this.clock.nowIso();
      await this.writePath.transition(manager, DPIA_LIFECYCLE, dpia, 'submit', {
        actorId: caller.staffId,
        set: { submittedById: caller.staffId, submittedAt: nowIso, updatedAt: nowIso },
        details: { version: dpia.version },
      });
      return this.view(caller, target);
    });
  }

  /** The DPO's decision on the version awaiting sign-off. */
  async signOff(caller: Caller, accountId: string, dto: SignOffDpiaDto): Promise<DpiaView> {
    return this.transactions.run(async (manager) => {
      const approving = dto.decision === 'approved';
      const target = await this.access.require<DpiaTarget>(caller, approving ? Permission.DpiaSignOff : Permission.DpiaReject, accountId, manager);
      const dpia = target.newest!;
      const now = this.clock.now();
      const nowIso = now.toISOString();
      let reviewDueAt: string | null = null;
      if (approving) {
        reviewDueAt = this.reviewDate(now, dto.reviewDueAt);
        if (dpia.hasHighResidualRisk() && !dto.icoConsultationReference) throw new HighResidualRiskError();
      }
      const icoConsultationReference = dto.icoConsultationReference ?? null;
      await this.writePath.transition(manager, DPIA_LIFECYCLE, dpia, approving ? 'approve' : 'reject', {
        actorId: caller.staffId,
        set: { decision: dto.decision, dpoAdvice: dto.dpoAdvice, icoConsultationReference, signedOffById: caller.staffId, signedOffAt: nowIso, reviewDueAt, updatedAt: nowIso },
        details: { version: dpia.version, reviewDueAt, icoConsultationReference },
      });
      return this.view(caller, target);
    });
  }

  /** Every version, newest first; only the newest offers actions. */
  async history(caller: Caller, accountId: string, query: DpiaHistoryQuery): Promise<Page<DpiaView>> {
    const target = await this.access.requireVisible<DpiaTarget>(caller, 'dpia', accountId);
    const builder = this.repository.versionsOf(accountId);
    const newest: Keyset<Dpia> = { columns: ['d.version'], numeric: ['d.version'], direction: 'DESC', of: (row) => [row.version] };
    const manager = this.transactions.manager;
    return keysetPage(builder, newest, query, async (rows) => {
      const nowIso = this.clock.nowIso();
      const inForce = await this.inForce(manager, accountId);
      const allowed = await this.allowedActions(caller, target);
      return rows.map((row) => toDpiaView(row, nowIso, inForce, row.version === target.newest?.version ? allowed : []));
    });
  }

  /** The latest approved version, while its review date is in the future; computed, so no job is needed. */
  async inForce(manager: EntityManager, accountId: string): Promise<DpiaInForce | null> {
    const approved = await this.repository.newestApproved(accountId, manager);
    return approved && dpiaInForceAt(approved, this.clock.nowIso()) ? { version: approved.version, reviewDueAt: approved.reviewDueAt! } : null;
  }

  /** For account views: each account's newest status and its approved version's review date. */
  async summaries(manager: EntityManager, accountIds: string[]): Promise<Map<string, DpiaSummary>> {
    const nowIso = this.clock.nowIso();
    const rows = await this.repository.statusesOf(accountIds, manager);
    const result = new Map<string, DpiaSummary>();
    for (const accountId of accountIds) result.set(accountId, { status: DPIA_LIFECYCLE.initial, reviewDueAt: null, inForce: null });
    for (const row of rows) {
      const summary = result.get(row.accountId)!;
      summary.status = dpiaStatusAt(row, nowIso);
      if (DPIA_LIFECYCLE.is(row, DPIA_IN_FORCE_STATE)) {
        summary.reviewDueAt = row.reviewDueAt;
        summary.inForce = dpiaInForceAt(row, nowIso) ? { version: row.version, reviewDueAt: row.reviewDueAt! } : null;
      }
    }
    return result;
  }

  private async view(caller: Caller, target: DpiaTarget): Promise<DpiaView> {
    const allowed = await this.allowedActions(caller, target);
    if (!target.newest) return notStartedView(target.id, allowed);
    return toDpiaView(target.newest, this.clock.nowIso(), await this.inForce(this.transactions.manager, target.id), allowed);
  }

  private async allowedActions(caller: Caller, target: DpiaTarget): Promise<string[]> {
    return (await this.access.allowedActions(caller, 'dpia', [target])).get(target.id) ?? [];
  }

  private reviewDate(now: Date, requested: string | undefined): string {
    if (requested === undefined) return addMonths(now, DEFAULT_REVIEW_MONTHS).toISOString();
    const reviewDueAt = new Date(requested);
    if (reviewDueAt <= now || reviewDueAt > addMonths(now, MAX_REVIEW_MONTHS)) {
      throw new ValidationFailedError('The review date must be in the future and at most 36 months ahead.', [
        { field: 'reviewDueAt', problems: ['must be in the future and at most 36 months ahead'] },
      ]);
    }
    return reviewDueAt.toISOString();
  }
}
