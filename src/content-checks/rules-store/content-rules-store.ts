import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { WritePath } from '../../common/write-path/write-path';
import { Clock } from '../../common/clock';
import { newId } from '../../common/ids';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { LockKey, Transactions } from '../../common/database/transactions';
import { ContentRuleLists, ContentRuleListsSource } from '../content-rule-lists';
import { PolicyWordLists } from '../policy-word-lists';
import { ContentRuleSettings } from './content-rule-settings.entity';
import { ContentRulesRepository } from './content-rules.repository';

/** How often each instance asks whether the rules changed: a change is in force everywhere within this (plus a load). */
export const CONTENT_RULES_POLL_MS = 1_000;

/**
 * The content rules in force, held in memory for the checker and kept in step with the database: each instance
 * reads the `version` of the one settings row every second and reloads the lists when it moved, so a manager's
 * change applies on every instance within a few seconds, without a restart. An empty installation is seeded
 * from the `config/` files and GATEHOUSE_ORG_DOMAINS on its first start.
 */
@Injectable()
export class ContentRulesStore extends ContentRuleListsSource implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ContentRules');
  private lists: ContentRuleLists | null = null;
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly seedFiles: PolicyWordLists,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rules: ContentRulesRepository,
  ) {
    super();
  }

  async onModuleInit(): Promise<void> {
    await this.seedIfEmpty();
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((error) => this.logger.warn(`Could not re-read the content rules: ${(error as Error).message}`)), CONTENT_RULES_POLL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  current(): ContentRuleLists {
    if (this.lists === null) throw new Error('The content rules are not loaded yet.');
    return this.lists;
  }

  /** Reloads the lists when the stored version differs from the one in memory; concurrent calls share one read. */
  refresh(): Promise<void> {
    this.refreshing ??= this.reload().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async reload(): Promise<void> {
    // What is committed, whatever transaction the caller is in: the lists in memory serve every request.
    const committed = this.dataSource;
    const stored = await this.rules.storedVersion(committed);
    if (!stored || stored.version === this.lists?.version) return;
    const [settings, names] = await Promise.all([this.rules.settings(committed), this.rules.protectedNameHashes(committed)]);
    const hashes = new Set(names.flatMap((name) => name.hashes));
    // One entry without filter values (seeded from an old file) means every word must be hashed.
    const filters = names.some((name) => name.filters === null) ? null : new Set(names.flatMap((name) => name.filters ?? []));
    this.lists = {
      version: settings.version,
      prohibitedTerms: settings.prohibitedTerms,
      orgDomains: settings.orgDomains,
      protectedNames: { salt: settings.protectedNamesSalt, hashes, filters },
    };
  }

  private async seedIfEmpty(): Promise<void> {
    if (await this.rules.isSeeded(this.dataSource)) return;
    await this.transactions.run(async (manager) => {
      // Two instances starting at once on an empty database: the second finds the first's seed.
      await this.transactions.lock(manager, LockKey.ContentRules);
      if (await this.rules.isSeeded()) return;
      await this.seed(manager);
    });
  }

  private async seed(manager: EntityManager): Promise<void> {
    const now = this.clock.nowIso();
    const seedNames = this.seedFiles.protectedNames;
    const entries = seedNames.entries.map((hashes) => [...hashes].sort());
    const grouped = new Set(entries.flat());
    // Hashes written before the file grouped them by name each stand for one form of a name.
    for (const hash of seedNames.hashes) if (!grouped.has(hash)) entries.push([hash]);
    const filters = seedNames.filters === null || seedNames.filters === undefined ? null : [...seedNames.filters];
    const rows = entries.map((hashes) => ({
      id: newId(),
      entryHash: createHash('sha256').update(hashes.join(',')).digest('hex'),
      hashes,
      filters,
      createdAt: now,
      createdById: null,
    }));
    const settings: ContentRuleSettings = {
      id: ContentRuleSettings.ID,
      version: 1,
      prohibitedTerms: [...this.seedFiles.prohibitedTerms],
      orgDomains: [...this.config.orgDomains],
      // A fresh salt when the file has no names: nothing was hashed with the shipped one.
      protectedNamesSalt: rows.length > 0 ? seedNames.salt : randomBytes(32).toString('base64'),
      protectedNamesUpdatedAt: rows.length > 0 ? now : null,
      updatedAt: now,
      updatedById: null,
    };
    await this.rules.insertSettings(settings);
    if (rows.length > 0) await this.rules.insertProtectedNames(rows);
    await this.writePath.record(manager, {
      actorId: null,
      action: 'content_rules.seeded',
      subjectType: 'content_rules',
      subjectId: ContentRuleSettings.ID,
      details: { prohibitedTerms: settings.prohibitedTerms.length, orgDomains: settings.orgDomains, protectedNames: rows.length },
    });
    this.logger.log(`First start: content rules seeded from config/ (${settings.prohibitedTerms.length} prohibited terms, ${rows.length} protected names, ${settings.orgDomains.length} organisation domains).`);
  }
}
