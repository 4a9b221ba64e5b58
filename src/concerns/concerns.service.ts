import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.service';
import { Caller } from '../auth/caller';
import { Clock } from '../common/clock';
import { ForbiddenError, InvalidStateError, NotFoundError, ValidationFailedError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { Keyset, keysetPage, Page } from '../common/pagination';
import { Transactions } from '../database/transactions';
import { StaffMember } from '../staff/staff.entity';
import { CONCERN_LIFECYCLE, ConcernAction } from './concern-lifecycle';
import { ConcernNote } from './concern-note.entity';
import { canSee, seesAsInvestigator, visibleTo } from './concern-visibility';
import { ConcernView, toConcernView } from './concern.view';
import { Concern, ConcernKind, ICO_DEADLINE_MS } from './concern.entity';
import { BreachUndecidedError } from './concerns-errors';
import { AssignConcernDto, BreachDecisionDto, ConcernListQuery, RaiseConcernDto } from './dto/concern.dto';

export interface NewConcern {
  kind: ConcernKind;
  description: string;
  draftId?: string | null;
  url?: string | null;
  involvesServiceUsers?: boolean;
  personalData?: boolean;
}

/**
 * Concerns from raising to resolution. Descriptions, notes and outcomes stay out of the audit details: they
 * may name people the service supports, and the audit export travels further than the concern itself.
 */
@Injectable()
export class ConcernsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async raise(caller: Caller, dto: RaiseConcernDto): Promise<ConcernView> {
    return this.transactions.run(async (manager) => toConcernView(caller, await this.record(manager, caller.staffId, dto), []));
  }

  /** Writes a new concern, its breach and the Safeguarding Lead's notice, inside the caller's transaction. */
  async record(manager: EntityManager, reporterId: string, input: NewConcern): Promise<Concern> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const personalData = input.personalData ?? false;
    const involvesServiceUsers = input.involvesServiceUsers ?? false;
    const concern = manager.getRepository(Concern).create({
      id: newId(),
      kind: input.kind,
      status: CONCERN_LIFECYCLE.initial,
      description: input.description.trim(),
      draftId: input.draftId ?? null,
      url: input.url ?? null,
      reportedById: reporterId,
      reportedAt: nowIso,
      involvesServiceUsers,
      personalData,
      assignedToId: null,
      // The triage_concern task reaches every Safeguarding Lead the moment this commits.
      safeguardingNotifiedAt: involvesServiceUsers ? nowIso : null,
      hrAdviceSoughtAt: null,
      outcome: null,
      resolvedAt: null,
      resolvedById: null,
      breachAwareAt: personalData ? nowIso : null,
      breachIcoDeadline: personalData ? new Date(now.getTime() + ICO_DEADLINE_MS).toISOString() : null,
      breachDecision: null,
      breachDecisionReason: null,
      breachDecidedById: null,
      breachDecidedAt: null,
      breachIcoReference: null,
      breachReportedToIcoAt: null,
      updatedAt: nowIso,
    });
    await manager.getRepository(Concern).insert(concern);
    await this.audit.record(manager, {
      actorId: reporterId,
      action: 'concern.raised',
      subjectType: 'concern',
      subjectId: concern.id,
      details: { kind: concern.kind, draftId: concern.draftId, involvesServiceUsers, personalData, icoDeadline: concern.breachIcoDeadline },
    });
    if (involvesServiceUsers) {
      const leads = await this.safeguardingLeadIds(manager);
      await this.audit.record(manager, { actorId: null, action: 'concern.safeguarding_notified', subjectType: 'concern', subjectId: concern.id, details: { safeguardingLeadIds: leads } });
    }
    return concern;
  }

  async get(caller: Caller, id: string): Promise<ConcernView> {
    const manager = this.dataSource.manager;
    const concern = await this.requireVisible(manager, caller, id);
    return toConcernView(caller, concern, await this.notesOf(manager, caller, concern));
  }

  /** Newest first; each caller pages over exactly the concerns they may see. */
  async list(caller: Caller, query: ConcernListQuery): Promise<Page<ConcernView>> {
    const builder = visibleTo(this.dataSource.getRepository(Concern).createQueryBuilder('c'), caller);
    if (query.status) builder.andWhere('c.status = :status', { status: query.status });
    if (query.kind) builder.andWhere('c.kind = :kind', { kind: query.kind });
    const newest: Keyset<Concern> = { columns: ['c.reportedAt', 'c.id'], direction: 'DESC', of: (row) => [row.reportedAt, row.id] };
    // The list shows each concern without its notes; the concern's own page has them.
    return keysetPage(builder, newest, query, (rows) => rows.map((row) => ({ ...toConcernView(caller, row, []), notes: seesAsInvestigator(caller, row) ? [] : null })));
  }

  /** Returns the concern with its investigation record. */
  async addNote(caller: Caller, id: string, text: string): Promise<ConcernView> {
    return this.change(caller, id, 'add_note', async (manager, concern) => {
      const note = manager.getRepository(ConcernNote).create({ id: newId(), concernId: concern.id, authorId: caller.staffId, at: this.clock.nowIso(), text: text.trim() });
      await manager.getRepository(ConcernNote).insert(note);
      return { action: 'concern.note_added', details: { noteId: note.id } };
    });
  }

  /** The assignee must be someone who may read the investigation record. */
  async assign(caller: Caller, id: string, dto: AssignConcernDto): Promise<ConcernView> {
    return this.change(caller, id, 'assign', async (manager, concern) => {
      const staff = await manager.getRepository(StaffMember).findOneBy({ id: dto.staffId });
      const assignee: Caller | null = staff && staff.status === 'active' ? { staffId: staff.id, sessionId: '', roles: staff.roles } : null;
      if (!assignee || !seesAsInvestigator(assignee, concern)) {
        throw new ValidationFailedError('The concern can be assigned only to an active manager, or to the Safeguarding Lead or DPO where it concerns them.', [
          { field: 'staffId', problems: ['must be an active staff member who may investigate this concern'] },
        ]);
      }
      const previous = concern.assignedToId;
      concern.assignedToId = assignee.staffId;
      return { action: 'concern.assigned', details: { staffId: assignee.staffId, previous } };
    });
  }

  async seekHrAdvice(caller: Caller, id: string, note: string): Promise<ConcernView> {
    return this.change(caller, id, 'seek_hr_advice', async (manager, concern) => {
      concern.hrAdviceSoughtAt = this.clock.nowIso();
      // The advice itself belongs in the investigation record.
      const row = manager.getRepository(ConcernNote).create({ id: newId(), concernId: concern.id, authorId: caller.staffId, at: concern.hrAdviceSoughtAt, text: `HR advice sought: ${note.trim()}` });
      await manager.getRepository(ConcernNote).insert(row);
      return { action: 'concern.hr_advice_sought', details: { noteId: row.id } };
    });
  }

  async resolve(caller: Caller, id: string, outcome: string): Promise<ConcernView> {
    return this.change(caller, id, 'resolve', async (_manager, concern) => {
      if (concern.breachUndecided()) throw new BreachUndecidedError(concern.breachIcoDeadline);
      concern.outcome = outcome.trim();
      concern.resolvedAt = this.clock.nowIso();
      concern.resolvedById = caller.staffId;
      return { action: 'concern.resolved', details: {} };
    });
  }

  /** The DPO or a manager decides whether the breach must be reported to the ICO; it may be revised until the concern is resolved. */
  async decideBreach(caller: Caller, id: string, dto: BreachDecisionDto): Promise<ConcernView> {
    return this.change(caller, id, 'decide_breach', async (_manager, concern) => {
      if (!concern.hasBreach()) throw new InvalidStateError('This concern does not involve personal data, so there is no breach to decide.', { status: concern.status });
      if (dto.reportedToIcoAt !== undefined && dto.decision !== 'reportable') {
        throw new ValidationFailedError('Only a reportable breach is reported to the ICO.', [{ field: 'reportedToIcoAt', problems: ['only for a reportable breach'] }]);
      }
      const previous = concern.breachDecision;
      concern.breachDecision = dto.decision;
      concern.breachDecisionReason = dto.decisionReason.trim();
      concern.breachIcoReference = dto.icoReference?.trim() ?? null;
      concern.breachReportedToIcoAt = dto.reportedToIcoAt ? new Date(dto.reportedToIcoAt).toISOString() : null;
      concern.breachDecidedById = caller.staffId;
      concern.breachDecidedAt = this.clock.nowIso();
      return {
        action: 'concern.breach_decided',
        details: {
          decision: dto.decision,
          previous,
          icoReference: concern.breachIcoReference,
          reportedToIcoAt: concern.breachReportedToIcoAt,
          icoDeadline: concern.breachIcoDeadline,
          afterDeadline: concern.breachDecidedAt > concern.breachIcoDeadline!,
        },
      };
    });
  }

  /** One investigation step: lock, check, apply, move through the lifecycle and audit, in one transaction. */
  private async change(
    caller: Caller,
    id: string,
    step: ConcernAction,
    apply: (manager: EntityManager, concern: Concern) => Promise<{ action: string; details: Record<string, unknown> }>,
  ): Promise<ConcernView> {
    return this.transactions.run(async (manager) => {
      const concern = await this.lockForInvestigation(manager, caller, id);
      CONCERN_LIFECYCLE.next(concern.status, step);
      const { action, details } = await apply(manager, concern);
      await this.move(manager, caller, concern, step, action, details);
      return toConcernView(caller, concern, await this.notesOf(manager, caller, concern));
    });
  }

  private async move(manager: EntityManager, caller: Caller, concern: Concern, step: ConcernAction, action: string, details: Record<string, unknown>): Promise<void> {
    const from = concern.status;
    concern.status = CONCERN_LIFECYCLE.next(from, step);
    concern.updatedAt = this.clock.nowIso();
    await manager.getRepository(Concern).save(concern);
    await this.audit.record(manager, { actorId: caller.staffId, action, subjectType: 'concern', subjectId: concern.id, details: { from, to: concern.status, ...details } });
  }

  /** Investigators only: a reporter who is not one is refused (the role was checked by the route). */
  private async lockForInvestigation(manager: EntityManager, caller: Caller, id: string): Promise<Concern> {
    const concern = await this.transactions.findForUpdate(manager, Concern, id);
    if (!concern || !canSee(caller, concern)) throw new NotFoundError('concern');
    if (!seesAsInvestigator(caller, concern)) throw new ForbiddenError('Only the people investigating a concern can change it.');
    return concern;
  }

  private async requireVisible(manager: EntityManager, caller: Caller, id: string): Promise<Concern> {
    const concern = await manager.getRepository(Concern).findOneBy({ id });
    if (!concern || !canSee(caller, concern)) throw new NotFoundError('concern');
    return concern;
  }

  private async notesOf(manager: EntityManager, caller: Caller, concern: Concern): Promise<ConcernNote[]> {
    if (!seesAsInvestigator(caller, concern)) return [];
    return manager.getRepository(ConcernNote).find({ where: { concernId: concern.id }, order: { at: 'ASC', id: 'ASC' } });
  }

  private async safeguardingLeadIds(manager: EntityManager): Promise<string[]> {
    const rows = await manager
      .getRepository(StaffMember)
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .where('s.status = :active', { active: 'active' })
      .andWhere('s.roles LIKE :role', { role: '%"safeguarding_lead"%' })
      .orderBy('s.id', 'ASC')
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }
}

