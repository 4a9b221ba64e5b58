import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import { WritePath } from '../common/write-path/write-path';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/generic-errors';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { LockKey, Transactions } from '../common/database/transactions';
import { Role } from '../staff/role';
import { StaffMember } from '../staff/staff.entity';
import { StaffRepository } from '../staff/staff.repository';
import { StaffService } from '../staff/staff.service';
import { invalidValue, ScimError } from './scim-errors';
import { project, Projection } from './scim-attributes';
import { patchOperations } from './scim-patch';
import { keyOf, parsePath, ScimResource } from './scim-path';
import { GROUP_SCHEMA, listResponse } from './scim-schemas';
import { parseEqFilter } from './scim-user-mapping';
import { paging } from './scim.service';

interface MappedGroup {
  id: string;
  displayName: string;
  role: Role;
}

/**
 * SCIM Groups for GATEHOUSE_SCIM_GROUP_ROLES: each mapped group's members are the people holding its
 * role, so adding a member grants the role and removing one takes it away (LAST_ADMIN still holds).
 * With no mapping there are no groups: an empty list, and 404 for any id.
 */
@Injectable()
export class ScimGroupsService {
  private readonly groups: MappedGroup[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly staff: StaffService,
    private readonly people: StaffRepository,
  ) {
    this.groups = config.identity.scimGroupRoles.map(({ displayName, role }) => ({ id: groupId(displayName), displayName, role }));
  }

  async list(filter: string | undefined, startIndexRaw: string | undefined, countRaw: string | undefined, fields: Projection) {
    const parsed = parseEqFilter(filter, { displayname: 'displayName', id: 'id', externalid: 'externalId' } as const);
    const { startIndex, count } = paging(startIndexRaw, countRaw);
    const matching = this.groups.filter((group) => {
      if (parsed === null) return true;
      if (parsed.attribute === 'displayName') return group.displayName.toLowerCase() === parsed.value.trim().toLowerCase();
      if (parsed.attribute === 'id') return group.id === parsed.value.trim().toLowerCase();
      return false;
    });
    const page = matching.slice(startIndex - 1, startIndex - 1 + count);
    const resources = await Promise.all(page.map((group) => this.resource(this.dataSource.manager, group, !fields.excluded.includes('members'))));
    return listResponse(resources.map((resource) => project(resource, fields)), matching.length, startIndex);
  }

  async get(id: string, fields: Projection = { attributes: null, excluded: [] }): Promise<ScimResource> {
    return project(await this.resource(this.dataSource.manager, this.require(id), !fields.excluded.includes('members')), fields);
  }

  /** Okta pushes a group, Entra provisions one: only a mapped display name can be created, and its members are set. */
  async create(body: ScimResource): Promise<ScimResource> {
    const displayName = typeof body.displayName === 'string' ? body.displayName.trim().toLowerCase() : '';
    const group = this.groups.find((known) => known.displayName.toLowerCase() === displayName);
    if (!group) throw invalidValue(`Gatehouse only has the groups named in GATEHOUSE_SCIM_GROUP_ROLES${this.groups.length ? `: ${this.groups.map((g) => g.displayName).join(', ')}` : ' (none are set)'}.`);
    if (body.members !== undefined) await this.setMembers(group, memberIds(body.members));
    return this.get(group.id);
  }

  async replace(id: string, body: ScimResource): Promise<ScimResource> {
    const group = this.require(id);
    this.requireSameName(group, body.displayName);
    await this.setMembers(group, memberIds(body.members ?? []));
    return this.get(id);
  }

  async patch(id: string, body: Record<string, unknown>): Promise<ScimResource> {
    const group = this.require(id);
    await this.change(group, async (members) => {
      for (const { op, path, value } of patchOperations(body)) {
        if (path === null) {
          // Okta sends the id and display name with a rename; anything but the same name is refused.
          const object = (value ?? {}) as Record<string, unknown>;
          if ('displayName' in object) this.requireSameName(group, object.displayName);
          if ('members' in object) apply(members, op, null, object.members);
          continue;
        }
        const parsed = parsePath(path);
        const attribute = parsed.attribute.toLowerCase();
        if (attribute === 'displayname' && parsed.filter === null) {
          this.requireSameName(group, value);
          continue;
        }
        if (attribute === 'externalid') continue;
        if (attribute !== 'members' || parsed.sub !== null) throw new ScimError('validation', 'invalidPath', `Cannot change "${path}" of a group.`);
        if (parsed.filter && parsed.filter.attribute.toLowerCase() !== 'value') throw new ScimError('validation', 'invalidFilter', 'Members are picked by value.');
        apply(members, op, parsed.filter?.value.toLowerCase() ?? null, value);
      }
    });
    return this.get(id);
  }

  /** A deleted group takes its role from everyone in it; the group itself stays, as configured. */
  async remove(id: string): Promise<void> {
    await this.setMembers(this.require(id), []);
  }

  private require(id: string): MappedGroup {
    const group = this.groups.find((known) => known.id === id.toLowerCase());
    if (!group) throw new NotFoundError('group');
    return group;
  }

  private requireSameName(group: MappedGroup, displayName: unknown): void {
    if (displayName === undefined) return;
    if (typeof displayName !== 'string' || displayName.trim().toLowerCase() !== group.displayName.toLowerCase()) {
      throw new ScimError('validation', 'mutability', 'A group’s name comes from GATEHOUSE_SCIM_GROUP_ROLES and cannot be changed here.');
    }
  }

  private setMembers(group: MappedGroup, ids: string[]): Promise<void> {
    return this.change(group, async (members) => {
      members.clear();
      for (const id of ids) members.add(id);
    });
  }

  /** Works out the new member set, then grants and removes the role, one audited change per person. */
  private async change(group: MappedGroup, edit: (members: Set<string>) => Promise<void>): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.transactions.lock(manager, LockKey.AdminRoster);
      const current = await this.members(manager, group);
      const wanted = new Set(current.map((member) => member.id));
      await edit(wanted);
      const added = [...wanted].filter((id) => !current.some((member) => member.id === id));
      const removed = current.filter((member) => !wanted.has(member.id));
      const newcomers = added.length === 0 ? [] : await this.people.provisionedIn(added, manager);
      if (newcomers.length !== added.length) throw invalidValue('Every member must be a user Gatehouse provisioned.');
      const nowIso = this.clock.nowIso();
      // The request's first change is its own entry; each further person's follows from it.
      let first: AuditEntry | undefined;
      for (const person of removed) {
        if (group.role === 'admin' && !person.hasLeft()) await this.staff.ensureAnotherActiveAdmin(manager, person.id);
        const entry = await this.setRoles(manager, person, group, person.roles.filter((role) => role !== group.role), 'removed', nowIso, first);
        first ??= entry;
      }
      for (const person of newcomers) {
        const entry = await this.setRoles(manager, person, group, [...person.roles, group.role], 'added', nowIso, first);
        first ??= entry;
      }
    });
  }

  private async setRoles(
    manager: EntityManager,
    person: StaffMember,
    group: MappedGroup,
    roles: Role[],
    change: 'added' | 'removed',
    nowIso: string,
    cause: AuditEntry | undefined,
  ): Promise<AuditEntry> {
    // Everyone keeps at least the staff role, as a staff record always has one role.
    const next = roles.length === 0 ? (['staff'] as Role[]) : [...new Set(roles)];
    await this.people.updateFields(person.id, { roles: next, updatedAt: nowIso }, manager);
    return this.writePath.record(manager, {
      actorId: null,
      action: change === 'added' ? 'scim.group_member_added' : 'scim.group_member_removed',
      subjectType: 'staff',
      subjectId: person.id,
      details: { group: group.displayName, role: group.role, before: person.roles, after: next },
      cause,
    });
  }

  private async members(manager: EntityManager, group: MappedGroup): Promise<StaffMember[]> {
    const people = await this.people.allProvisioned(manager);
    return people.filter((person) => person.hasRole(group.role));
  }

  private async resource(manager: EntityManager, group: MappedGroup, withMembers: boolean): Promise<ScimResource> {
    const base = this.config.publicUrl;
    const members = withMembers ? await this.members(manager, group) : [];
    return {
      schemas: [GROUP_SCHEMA],
      id: group.id,
      displayName: group.displayName,
      ...(withMembers ? { members: members.map((person) => ({ value: person.id, display: person.displayName, $ref: `${base}/scim/v2/Users/${person.id}`, type: 'User' })) } : {}),
      meta: { resourceType: 'Group', location: `${base}/scim/v2/Groups/${group.id}` },
    };
  }
}

/** A stable id per group name, so the provider's links survive restarts without a table. */
function groupId(displayName: string): string {
  const hex = createHash('sha256').update(`gatehouse-scim-group:${displayName.toLowerCase()}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function memberIds(raw: unknown): string[] {
  if (!Array.isArray(raw)) throw invalidValue('members must be a list.');
  return raw.map((member) => {
    const value = typeof member === 'object' && member !== null ? (member as Record<string, unknown>)[keyOf(member as Record<string, unknown>, 'value')] : undefined;
    if (typeof value !== 'string' || value.trim() === '') throw invalidValue('Each member needs a value (a user id).');
    return value.trim().toLowerCase();
  });
}

/** One members operation: Entra removes with a value list, Okta with a `members[value eq "…"]` filter. */
function apply(members: Set<string>, op: 'add' | 'replace' | 'remove', filtered: string | null, value: unknown): void {
  if (filtered !== null) {
    if (op === 'remove') members.delete(filtered);
    else members.add(filtered);
    return;
  }
  if (op === 'replace') members.clear();
  if (op === 'remove' && (value === undefined || value === null)) {
    members.clear();
    return;
  }
  for (const id of memberIds(value)) {
    if (op === 'remove') members.delete(id);
    else members.add(id);
  }
}
