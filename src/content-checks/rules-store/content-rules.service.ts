import { EntityManager } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { domainToASCII } from 'url';
import { WritePath } from '../../common/write-path/write-path';
import { Caller } from '../../auth/caller';
import { Permission } from '../../auth/permissions';
import { Access } from '../../common/access/access.service';
import { Clock } from '../../common/clock';
import { ValidationFailedError } from '../../common/errors/generic-errors';
import { newId } from '../../common/ids';
import { Transactions } from '../../common/database/transactions';
import { ContentRulesView } from '../dto/content-rules.dto';
import { ProtectedNameEntry, protectedNameEntry } from '../protected-name-hashing';
import { ContentRuleSettings } from './content-rule-settings.entity';
import { ContentRulesRepository } from './content-rules.repository';
import { ContentRulesStore } from './content-rules-store';

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/**
 * Managers' edits to the content rules (API.md section 18). Each change bumps the rules' version and writes its
 * audit entry in one transaction; every instance picks the new version up from the database. Protected names
 * go in and out only as salted hashes: nothing here returns, records or logs a name.
 */
@Injectable()
export class ContentRulesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly store: ContentRulesStore,
    private readonly rules: ContentRulesRepository,
    private readonly access: Access,
  ) {}

  async view(caller: Caller): Promise<ContentRulesView> {
    const settings = await this.rules.settings();
    return this.toView(caller, settings, await this.rules.protectedNameCount());
  }

  async setProhibitedTerms(caller: Caller, terms: string[]): Promise<ContentRulesView> {
    const cleaned = cleanList(terms, 'terms', (term) => term.replace(/\s+/g, ' '), (term) => term.toLowerCase());
    return this.change(caller, async (settings) => {
      const { added, removed } = difference(settings.prohibitedTerms, cleaned, (term) => term.toLowerCase());
      settings.prohibitedTerms = cleaned;
      return { action: 'content_rules.prohibited_terms_changed', details: { added, removed, count: cleaned.length } };
    });
  }

  async setOrgDomains(caller: Caller, domains: string[]): Promise<ContentRulesView> {
    const cleaned = cleanList(domains, 'domains', (domain) => domain.toLowerCase().replace(/\.$/, ''), (domain) => domain);
    const bad = cleaned.findIndex((domain) => !HOSTNAME.test(domainToASCII(domain)));
    if (bad !== -1) {
      throw new ValidationFailedError('Each domain must be a website address such as riverside-care.org.uk, without https:// or a path.', [
        { field: `domains.${domains.findIndex((domain) => domain.trim().toLowerCase().replace(/\.$/, '') === cleaned[bad])}`, problems: ['is not a domain name'] },
      ]);
    }
    return this.change(caller, async (settings) => {
      const { added, removed } = difference(settings.orgDomains, cleaned, (domain) => domain);
      settings.orgDomains = cleaned;
      return { action: 'content_rules.org_domains_changed', details: { added, removed, count: cleaned.length } };
    });
  }

  async addProtectedNames(caller: Caller, names: string[]): Promise<{ count: number }> {
    let count = 0;
    await this.change(caller, async (settings) => {
      const entries = this.entriesFor(settings.protectedNamesSalt, names);
      const existing = await this.rules.storedEntryHashes(entries.map((entry) => entry.entryHash));
      const fresh = entries.filter((entry) => !existing.has(entry.entryHash));
      const now = this.clock.nowIso();
      if (fresh.length > 0) {
        await this.rules.insertProtectedNames(fresh.map((entry) => ({ id: newId(), entryHash: entry.entryHash, hashes: entry.hashes, filters: entry.filters, createdAt: now, createdById: caller.staffId })));
      }
      count = await this.rules.protectedNameCount();
      settings.protectedNamesUpdatedAt = now;
      // How many, never which: the audit trail is read by more people than may know the names.
      return { action: 'content_rules.protected_names_added', details: { requested: names.length, added: fresh.length, count } };
    });
    return { count };
  }

  async removeProtectedNames(caller: Caller, names: string[]): Promise<{ count: number }> {
    let count = 0;
    await this.change(caller, async (settings) => {
      const entries = this.entriesFor(settings.protectedNamesSalt, names);
      const rows = await this.rules.protectedNameEntries();
      // An entry goes when it is the name's, or when all its hashes are forms of the name (seeded one hash at a time).
      const gone = rows.filter((row) => entries.some((entry) => row.entryHash === entry.entryHash || row.hashes.every((hash) => entry.hashes.includes(hash))));
      if (gone.length > 0) await this.rules.deleteProtectedNames(gone.map((row) => row.id));
      count = rows.length - gone.length;
      settings.protectedNamesUpdatedAt = this.clock.nowIso();
      return { action: 'content_rules.protected_names_removed', details: { requested: names.length, removed: gone.length, count } };
    });
    return { count };
  }

  private entriesFor(salt: string, names: string[]): ProtectedNameEntry[] {
    const entries = names.map((name) => protectedNameEntry(salt, name));
    const empty = entries.flatMap((entry, index) => (entry === null ? [{ field: `names.${index}`, problems: ['has no letters or digits'] }] : []));
    if (empty.length > 0) throw new ValidationFailedError('Each name needs letters in it.', empty);
    if (names.length === 0) throw new ValidationFailedError('Give at least one name.', [{ field: 'names', problems: ['is empty'] }]);
    return entries as ProtectedNameEntry[];
  }

  /** One change: the settings row locked, changed, its version bumped and the change audited, all in one transaction. */
  private async change(
    caller: Caller,
    work: (settings: ContentRuleSettings) => Promise<{ action: string; details: Record<string, unknown> }>,
  ): Promise<ContentRulesView> {
    const view = await this.transactions.run(async (manager) => {
      // Read for update by the same rule that offers `edit` (content-rules-rules.ts).
      const settings = await this.access.require<ContentRuleSettings>(caller, Permission.ContentRulesEdit, ContentRuleSettings.ID, manager);
      const { action, details } = await work(settings);
      settings.version += 1;
      settings.updatedAt = this.clock.nowIso();
      settings.updatedById = caller.staffId;
      await this.rules.saveSettings(settings);
      await this.writePath.record(manager, { actorId: caller.staffId, action, subjectType: 'content_rules', subjectId: ContentRuleSettings.ID, details: { ...details, version: settings.version } });
      return this.toView(caller, settings, await this.rules.protectedNameCount(), manager);
    });
    // This instance at once; the others at their next poll.
    await this.store.refresh();
    return view;
  }

  private async toView(caller: Caller, settings: ContentRuleSettings, count: number, manager?: EntityManager): Promise<ContentRulesView> {
    const allowed = await this.access.allowedActions(caller, 'content rules', [settings], manager);
    return {
      prohibitedTerms: settings.prohibitedTerms,
      orgDomains: settings.orgDomains,
      protectedNames: { count, updatedAt: settings.protectedNamesUpdatedAt },
      version: settings.version,
      updatedAt: settings.updatedAt,
      allowedActions: allowed.get(settings.id) ?? [],
    };
  }
}

/** Trimmed, respaced, without blanks' silent loss: a blank entry is refused, duplicates kept once. */
function cleanList(values: string[], field: string, tidy: (value: string) => string, identity: (value: string) => string): string[] {
  const blank = values.flatMap((value, index) => (value.trim() === '' ? [{ field: `${field}.${index}`, problems: ['is blank'] }] : []));
  if (blank.length > 0) throw new ValidationFailedError(`Remove the blank ${field === 'terms' ? 'terms' : 'domains'}.`, blank);
  const seen = new Set<string>();
  const cleaned: string[] = [];
  for (const value of values) {
    const tidied = tidy(value.trim());
    if (seen.has(identity(tidied))) continue;
    seen.add(identity(tidied));
    cleaned.push(tidied);
  }
  return cleaned;
}

function difference(before: readonly string[], after: readonly string[], identity: (value: string) => string): { added: string[]; removed: string[] } {
  const old = new Set(before.map(identity));
  const fresh = new Set(after.map(identity));
  return { added: after.filter((value) => !old.has(identity(value))), removed: before.filter((value) => !fresh.has(identity(value))) };
}
