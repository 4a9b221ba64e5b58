import { Injectable } from '@nestjs/common';
import { EntityManager, In, Repository } from 'typeorm';
import { Transactions } from '../../common/database/transactions';
import { ContentRuleSettings } from './content-rule-settings.entity';
import { ProtectedName } from './protected-name.entity';

/**
 * The one settings row of the content rules and the protected names' hashes, in the current transaction (or
 * outside one; `manager` for the store, which reads what is committed whatever transaction it is called in).
 */
@Injectable()
export class ContentRulesRepository {
  constructor(private readonly transactions: Transactions) {}

  private settingsRows(manager: EntityManager = this.transactions.manager): Repository<ContentRuleSettings> {
    return manager.getRepository(ContentRuleSettings);
  }

  private names(manager: EntityManager = this.transactions.manager): Repository<ProtectedName> {
    return manager.getRepository(ProtectedName);
  }

  isSeeded(manager?: EntityManager): Promise<boolean> {
    return this.settingsRows(manager).existsBy({ id: ContentRuleSettings.ID });
  }

  settings(manager?: EntityManager): Promise<ContentRuleSettings> {
    return this.settingsRows(manager).findOneByOrFail({ id: ContentRuleSettings.ID });
  }

  /** Only the version, for the store's poll. */
  storedVersion(manager?: EntityManager): Promise<Pick<ContentRuleSettings, 'id' | 'version'> | null> {
    return this.settingsRows(manager).findOne({ where: { id: ContentRuleSettings.ID }, select: { id: true, version: true } });
  }

  /** Held against concurrent changes until the transaction ends: changes to the rules go one at a time. */
  settingsForUpdate(): Promise<ContentRuleSettings | null> {
    return this.transactions.findForUpdate(this.transactions.manager, ContentRuleSettings, ContentRuleSettings.ID);
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
  protectedNameHashes(manager?: EntityManager): Promise<Pick<ProtectedName, 'hashes' | 'filters'>[]> {
    return this.names(manager).find({ select: { hashes: true, filters: true } });
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
