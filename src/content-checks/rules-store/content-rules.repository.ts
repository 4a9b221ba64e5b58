import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { Transactions } from '../../common/database/transactions';
import { ContentRuleSettings } from './content-rule-settings.entity';
import { ProtectedName } from './protected-name.entity';

/** Where a read happens: the current transaction's manager, or the data source for what is committed. */
type Source = EntityManager | DataSource;

/**
 * The one settings row of the content rules and the protected names' hashes, in the current transaction (or
 * outside one; `source` for the store, which reads what is committed whatever transaction it is called in).
 */
@Injectable()
export class ContentRulesRepository {
  constructor(private readonly transactions: Transactions) {}

  private settingsRows(source: Source = this.transactions.manager): Repository<ContentRuleSettings> {
    return source.getRepository(ContentRuleSettings);
  }

  private names(source: Source = this.transactions.manager): Repository<ProtectedName> {
    return source.getRepository(ProtectedName);
  }

  isSeeded(source?: Source): Promise<boolean> {
    return this.settingsRows(source).existsBy({ id: ContentRuleSettings.ID });
  }

  settings(source?: Source): Promise<ContentRuleSettings> {
    return this.settingsRows(source).findOneByOrFail({ id: ContentRuleSettings.ID });
  }

  /** Only the version, for the store's poll. */
  storedVersion(source?: Source): Promise<Pick<ContentRuleSettings, 'id' | 'version'> | null> {
    return this.settingsRows(source).findOne({ where: { id: ContentRuleSettings.ID }, select: { id: true, version: true } });
  }

  async insertSettings(settings: ContentRuleSettings): Promise<void> {
    await this.settingsRows().insert(settings);
  }

  async saveSettings(settings: ContentRuleSettings): Promise<void> {
    await this.settingsRows().save(settings);
  }

  protectedNameCount(): Promise<number> {
    return this.names().count();
  }

  /** What the checker needs of every name: its hashes and filter values. */
  protectedNameHashes(source?: Source): Promise<Pick<ProtectedName, 'hashes' | 'filters'>[]> {
    return this.names(source).find({ select: { hashes: true, filters: true } });
  }

  /** Which of these entries are stored already. */
  async storedEntryHashes(entryHashes: string[]): Promise<Set<string>> {
    return new Set((await this.names().find({ where: { entryHash: In(entryHashes) }, select: { entryHash: true } })).map((row) => row.entryHash));
  }

  /** Every entry with its hashes, for deciding which a removal takes. */
  protectedNameEntries(): Promise<Pick<ProtectedName, 'id' | 'entryHash' | 'hashes'>[]> {
    return this.names().find({ select: { id: true, entryHash: true, hashes: true } });
  }

  async insertProtectedNames(rows: ProtectedName[]): Promise<void> {
    await this.names().insert(rows);
  }

  async deleteProtectedNames(ids: string[]): Promise<void> {
    await this.names().delete({ id: In(ids) });
  }
}
