import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Caller } from '../auth/caller';
import { Access } from '../common/access/access.service';
import { Clock } from '../common/clock';
import { NotFoundError, ValidationFailedError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { Keyset, keysetPage, Page } from '../common/pagination';
import { WritePath } from '../common/write-path/write-path';
import { Transactions } from '../common/database/transactions';
import { StaffRepository } from '../staff/staff.repository';
import { CONCERN_LIFECYCLE, ConcernAction } from './concern-lifecycle';
import { ConcernNote } from './concern-note.entity';
import { ConcernRules } from './concern-rules';
import { canSee, seesAsInvestigator, visibleTo } from './concern-visibility';
import { ConcernView, toConcernView } from './concern.view';
import { Concern, ConcernKind, ICO_DEADLINE_MS } from './concern.entity';
import { ConcernsRepository } from './concerns.repository';
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
export class ConcernsService implements OnModuleInit {
  constructor(
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly access: Access,
    private readonly rules: ConcernRules,
    private readonly concerns: ConcernsRepository,
    private readonly staff: StaffRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.access.register(this.rules);
  }

  async raise(caller: Caller, dto: RaiseConcernDto): Promise<ConcernView> {
    return this.transactions.run(async (manager) => this.view(caller, await this.record(manager, caller.staffId, dto), []));
  }

  /**
   * Writes a new concern, its breach and the Safeguarding Lead's notice, inside the caller's transaction.
   * Raised as part of another request (a removal request), its entry follows from that request's (`cause`).
   */
  async record(manager: EntityManager, reporterId: string, input: NewConcern, options: { id?: string; cause?: AuditEntry } = {}): Promise<Concern> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const personalData = input.personalData ?? false;
    const involvesServiceUsers = input.involvesServiceUsers ?? false;
    const concern = this.concerns.build({
      id: options.id ?? newId(),
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
    await this.concerns.insert(concern);
    const raised = await this.writePath.created(manager, CONCERN_LIFECYCLE, concern, {
      actorId: reporterId,
      as: 'raised',
      cause: options.cause,
      details: { kind: concern.kind, draftId: concern.draftId, involvesServiceUsers, personalData, icoDeadline: concern.breachIcoDeadline },
    });
    if (involvesServiceUsers) {
      const leads = await this.staff.activeIdsWithRole('safeguarding_lead');
      await this.writePath.note(manager, CONCERN_LIFECYCLE, concern, 'safeguarding_notified', { actorId: null, details: { safeguardingLeadIds: leads }, cause: options.cause ?? raised });
    }
    return concern;
  }

  async get(caller: Caller, id: string): Promise<ConcernView> {
    const concern = await this.requireVisible(caller, id);
    return this.view(caller, concern, await this.notesOf(caller, concern));
  }

  /** Newest first; each caller pages over exactly the concerns they may see. */
  async list(caller: Caller, query: ConcernListQuery): Promise<Page<ConcernView>> {
    const builder = visibleTo(this.concerns.query('c'), caller);
    if (query.status) builder.andWhere('c.status = :status', { status: query.status });
    if (query.kind) builder.andWhere('c.kind = :kind', { kind: query.kind });
    const newest: Keyset<Concern> = { columns: ['c.reportedAt', 'c.id'], direction: 'DESC', of: (row) => [row.reportedAt, row.id] };
    // The list shows each concern without its notes; the concern's own page has them.
    return keysetPage(builder, newest, query, async (rows) => {
      const allowed = await this.access.allowedActions(caller, 'concern', rows);
      return rows.map((row) => ({ ...toConcernView(caller, row, [], (allowed.get(row.id) ?? []) as ConcernAction[]), notes: seesAsInvestigator(caller, row) ? [] : null }));
    });
  }

  /** Returns the concern with its investigation record. */
  async addNote(caller: Caller, id: string, text: string): Promise<ConcernView> {
    return this.change(caller, id, 'add_note', async (concern) => {
      const note = await this.concerns.addNote({ id: newId(), concernId: concern.id, authorId: caller.staffId, at: this.clock.nowIso(), text: text.trim() });
      return { noteId: note.id };
    });
  }

  /** The assignee must be someone who may read the investigation record. */
  async assign(caller: Caller, id: string, dto: AssignConcernDto): Promise<ConcernView> {
    return this.change(caller, id, 'assign', async (concern) => {
      const staff = await this.staff.findById(dto.staffId);
      const assignee: Caller | null = staff && !staff.hasLeft() ? { staffId: staff.id, sessionId: '', roles: staff.roles } : null;
      if (!assignee || !seesAsInvestigator(assignee, concern)) {
        throw new ValidationFailedError('The concern can be assigned only to an active manager, or to the Safeguarding Lead or DPO where it concerns them.', [
          { field: 'staffId', problems: ['must be an active staff member who may investigate this concern'] },
        ]);
      }
      const previous = concern.assignedToId;
      concern.assignedToId = assignee.staffId;
      return { staffId: assignee.staffId, previous };
    });
  }

  async seekHrAdvice(caller: Caller, id: string, note: string): Promise<ConcernView> {
    return this.change(caller, id, 'seek_hr_advice', async (concern) => {
      concern.hrAdviceSoughtAt = this.clock.nowIso();
      // The advice itself belongs in the investigation record.
      const row = await this.concerns.addNote({ id: newId(), concernId: concern.id, authorId: caller.staffId, at: concern.hrAdviceSoughtAt, text: `HR advice sought: ${note.trim()}` });
      return { noteId: row.id };
    });
  }

  async resolve(caller: Caller, id: string, outcome: string): Promise<ConcernView> {
    return this.change(caller, id, 'resolve', async (concern) => {
      concern.outcome = outcome.trim();
      concern.resolvedAt = this.clock.nowIso();
      concern.resolvedById = caller.staffId;
      return {};
    });
  }

  /** The DPO or a manager decides whether the breach must be reported to the ICO; it may be revised until the concern is resolved. */
  async decideBreach(caller: Caller, id: string, dto: BreachDecisionDto): Promise<ConcernView> {
    return this.change(caller, id, 'decide_breach', async (concern) => {
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
        decision: dto.decision,
        previous,
        icoReference: concern.breachIcoReference,
        reportedToIcoAt: concern.breachReportedToIcoAt,
        icoDeadline: concern.breachIcoDeadline,
        afterDeadline: concern.breachDecidedAt > concern.breachIcoDeadline!,
      };
    });
  }

  /**
   * One investigation step: the rules (404, 403, lifecycle, breach), then the step's own changes, then
   * the move through the lifecycle with the changed columns and the audit entry, in one transaction.
   */
  private async change(caller: Caller, id: string, step: ConcernAction, apply: (concern: Concern) => Promise<Record<string, unknown>>): Promise<ConcernView> {
    return this.transactions.run(async (manager) => {
      const concern = await this.access.require<Concern>(caller, this.rules.actions[step], id, manager);
      const before: Record<string, unknown> = { ...concern };
      const details = await apply(concern);
      // The step's own changes are written with the status, in the one UPDATE of the transition.
      const set: Record<string, unknown> = { updatedAt: this.clock.nowIso() };
      for (const [key, value] of Object.entries(concern)) if (key !== 'status' && value !== before[key]) set[key] = value;
      await this.writePath.transition(manager, CONCERN_LIFECYCLE, concern, step, { actorId: caller.staffId, details, set: set as Partial<Concern> });
      return this.view(caller, concern, await this.notesOf(caller, concern));
    });
  }

  private async view(caller: Caller, concern: Concern, notes: ConcernNote[]): Promise<ConcernView> {
    const allowed = await this.access.allowedActions(caller, 'concern', [concern]);
    return toConcernView(caller, concern, notes, (allowed.get(concern.id) ?? []) as ConcernAction[]);
  }

  private async requireVisible(caller: Caller, id: string): Promise<Concern> {
    const concern = await this.concerns.findById(id);
    if (!concern || !canSee(caller, concern)) throw new NotFoundError('concern');
    return concern;
  }

  private async notesOf(caller: Caller, concern: Concern): Promise<ConcernNote[]> {
    if (!seesAsInvestigator(caller, concern)) return [];
    return this.concerns.notesOf(concern.id);
  }
}
