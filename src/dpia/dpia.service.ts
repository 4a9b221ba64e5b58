import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccountAccess } from '../accounts/account-access';
import { Account } from '../accounts/account.entity';
import { AccountClosedError } from '../accounts/accounts-errors';
import { AuditTrail } from '../audit/audit-trail.service';
import { Caller } from '../auth/caller';
import { Clock } from '../common/clock';
import { NotFoundError, ValidationFailedError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { Keyset, keysetPage, Page } from '../common/pagination';
import { addMonths } from '../common/time';
import { Transactions } from '../database/transactions';
import { DpiaHistoryQuery, SaveDpiaDto, SignOffDpiaDto } from './dto/dpia.dto';
import { DpiaIncompleteError, HighResidualRiskError, SelfSignOffForbiddenError } from './dpia-errors';
import { DPIA_LIFECYCLE, DpiaState, DpiaStatus } from './dpia-lifecycle';
import { Dpia } from './dpia.entity';
import { DpiaInForce, DpiaView, notStartedView, toDpiaView } from './dpia.view';

const DEFAULT_REVIEW_MONTHS = 12;
const MAX_REVIEW_MONTHS = 36;

/** What an account shows of its DPIA. */
export interface DpiaSummary {
  status: DpiaStatus;
  reviewDueAt: string | null;
  inForce: DpiaInForce | null;
}

@Injectable()
export class DpiaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly access: AccountAccess,
  ) {}

  /** The newest version, or a not_started DPIA before anyone began one. */
  async get(accountId: string): Promise<DpiaView> {
    const manager = this.dataSource.manager;
    await this.access.requireExisting(manager, accountId);
    const newest = await this.newest(manager, accountId);
    if (!newest) return notStartedView(accountId);
    return toDpiaView(newest, this.clock.nowIso(), await this.inForce(manager, accountId));
  }

  /** Saves the text as a draft; amending a signed-off (or rejected) version opens the next version. */
  async save(caller: Caller, accountId: string, dto: SaveDpiaDto): Promise<DpiaView> {
    return this.transactions.run(async (manager) => {
      await this.requireOpenAccount(manager, accountId);
      const repository = manager.getRepository(Dpia);
      const nowIso = this.clock.nowIso();
      const newest = await this.newest(manager, accountId);
      const opensVersion = !newest || DPIA_LIFECYCLE.isFinal(newest.status);
      const from: DpiaState = opensVersion ? 'not_started' : newest.status;
      const dpia = opensVersion
        ? repository.create({
            id: newId(),
            accountId,
            version: (newest?.version ?? 0) + 1,
            signedOffById: null,
            signedOffAt: null,
            decision: null,
            dpoAdvice: null,
            icoConsultationReference: null,
            reviewDueAt: null,
            createdById: caller.staffId,
            contributorIds: [],
            createdAt: nowIso,
          })
        : newest!;
      if (!dpia.contributorIds.includes(caller.staffId)) dpia.contributorIds = [...dpia.contributorIds, caller.staffId];
      const withdrewSubmission = from === 'awaiting_sign_off';
      dpia.status = DPIA_LIFECYCLE.next(from, 'edit') as Dpia['status'];
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
      await repository.save(dpia);
      await this.audit.record(manager, {
        actorId: caller.staffId,
        action: opensVersion ? 'dpia.version_opened' : 'dpia.edited',
        subjectType: 'account',
        subjectId: accountId,
        details: { version: dpia.version, withdrewSubmission, risks: dpia.risks.length },
      });
      return toDpiaView(dpia, nowIso, await this.inForce(manager, accountId));
    });
  }

  async submit(caller: Caller, accountId: string): Promise<DpiaView> {
    return this.transactions.run(async (manager) => {
      await this.requireOpenAccount(manager, accountId);
      const dpia = await this.newest(manager, accountId);
      if (!dpia) throw DPIA_LIFECYCLE.refusal('not_started', 'submit');
      const to = DPIA_LIFECYCLE.next(dpia.status, 'submit') as Dpia['status'];
      const missing = dpia.missingForSubmission();
      if (missing.length > 0) throw new DpiaIncompleteError(missing);
      const nowIso = this.clock.nowIso();
      dpia.status = to;
      dpia.submittedById = caller.staffId;
      dpia.submittedAt = nowIso;
      dpia.updatedAt = nowIso;
      await manager.getRepository(Dpia).save(dpia);
      await this.audit.record(manager, { actorId: caller.staffId, action: 'dpia.submitted', subjectType: 'account', subjectId: accountId, details: { version: dpia.version } });
      return toDpiaView(dpia, nowIso, await this.inForce(manager, accountId));
    });
  }

  /** The DPO's decision on the version awaiting sign-off. */
  async signOff(caller: Caller, accountId: string, dto: SignOffDpiaDto): Promise<DpiaView> {
    return this.transactions.run(async (manager) => {
      await this.requireOpenAccount(manager, accountId);
      const dpia = await this.newest(manager, accountId);
      const approving = dto.decision === 'approved';
      if (!dpia) throw DPIA_LIFECYCLE.refusal('not_started', approving ? 'approve' : 'reject');
      const to = DPIA_LIFECYCLE.next(dpia.status, approving ? 'approve' : 'reject') as Dpia['status'];
      // Four eyes: neither whoever submitted this version nor anyone who wrote part of it signs it off.
      if (dpia.submittedById === caller.staffId || dpia.contributorIds.includes(caller.staffId)) throw new SelfSignOffForbiddenError();
      const now = this.clock.now();
      const nowIso = now.toISOString();
      let reviewDueAt: string | null = null;
      if (approving) {
        reviewDueAt = this.reviewDate(now, dto.reviewDueAt);
        if (dpia.hasHighResidualRisk() && !dto.icoConsultationReference) throw new HighResidualRiskError();
      }
      dpia.status = to;
      dpia.decision = dto.decision;
      dpia.dpoAdvice = dto.dpoAdvice;
      dpia.icoConsultationReference = dto.icoConsultationReference ?? null;
      dpia.signedOffById = caller.staffId;
      dpia.signedOffAt = nowIso;
      dpia.reviewDueAt = reviewDueAt;
      dpia.updatedAt = nowIso;
      await manager.getRepository(Dpia).save(dpia);
      await this.audit.record(manager, {
        actorId: caller.staffId,
        action: approving ? 'dpia.approved' : 'dpia.rejected',
        subjectType: 'account',
        subjectId: accountId,
        details: { version: dpia.version, reviewDueAt, icoConsultationReference: dpia.icoConsultationReference },
      });
      return toDpiaView(dpia, nowIso, await this.inForce(manager, accountId));
    });
  }

  /** Every version, newest first. */
  async history(accountId: string, query: DpiaHistoryQuery): Promise<Page<DpiaView>> {
    const manager = this.dataSource.manager;
    await this.access.requireExisting(manager, accountId);
    const builder = manager.getRepository(Dpia).createQueryBuilder('d').where('d.accountId = :accountId', { accountId });
    const newest: Keyset<Dpia> = { columns: ['d.version'], numeric: ['d.version'], direction: 'DESC', of: (row) => [row.version] };
    return keysetPage(builder, newest, query, async (rows) => {
      const nowIso = this.clock.nowIso();
      const inForce = await this.inForce(manager, accountId);
      return rows.map((row) => toDpiaView(row, nowIso, inForce));
    });
  }

  /** The latest approved version, while its review date is in the future; computed, so no job is needed. */
  async inForce(manager: EntityManager, accountId: string): Promise<DpiaInForce | null> {
    const approved = await manager.getRepository(Dpia).findOne({ where: { accountId, status: 'approved' }, order: { version: 'DESC' } });
    return approved && approved.isInForceAt(this.clock.nowIso()) ? { version: approved.version, reviewDueAt: approved.reviewDueAt! } : null;
  }

  /** For account views: each account's newest status and its approved version's review date. */
  async summaries(manager: EntityManager, accountIds: string[]): Promise<Map<string, DpiaSummary>> {
    const nowIso = this.clock.nowIso();
    const rows = accountIds.length === 0 ? [] : await manager.getRepository(Dpia).find({
      where: { accountId: In(accountIds) },
      select: { id: true, accountId: true, version: true, status: true, reviewDueAt: true },
      order: { version: 'ASC' },
    });
    const result = new Map<string, DpiaSummary>();
    for (const accountId of accountIds) result.set(accountId, { status: 'not_started', reviewDueAt: null, inForce: null });
    for (const row of rows) {
      const dpia = Object.assign(new Dpia(), row);
      const summary = result.get(row.accountId)!;
      summary.status = dpia.statusAt(nowIso);
      if (dpia.status === 'approved') {
        summary.reviewDueAt = dpia.reviewDueAt;
        summary.inForce = dpia.isInForceAt(nowIso) ? { version: dpia.version, reviewDueAt: dpia.reviewDueAt! } : null;
      }
    }
    return result;
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

  private async newest(manager: EntityManager, accountId: string): Promise<Dpia | null> {
    return manager.getRepository(Dpia).findOne({ where: { accountId }, order: { version: 'DESC' } });
  }

  /** Locks the account so versions are numbered and signed off one at a time. */
  private async requireOpenAccount(manager: EntityManager, accountId: string): Promise<Account> {
    const account = await this.transactions.findForUpdate(manager, Account, accountId);
    if (!account) throw new NotFoundError('account');
    if (account.status === 'closed') throw new AccountClosedError();
    return account;
  }
}
