import { Injectable } from '@nestjs/common';
import { In, Repository, SelectQueryBuilder } from 'typeorm';
import { Transactions } from '../database/transactions';
import { Account, AccountPlatformAdmin } from './account.entity';

/** Accounts and their platform-admin roster, in the current transaction (or outside one). */
@Injectable()
export class AccountsRepository {
  constructor(private readonly transactions: Transactions) {}

  get accounts(): Repository<Account> {
    return this.transactions.manager.getRepository(Account);
  }

  get platformAdmins(): Repository<AccountPlatformAdmin> {
    return this.transactions.manager.getRepository(AccountPlatformAdmin);
  }

  find(id: string): Promise<Account | null> {
    return this.accounts.findOneBy({ id });
  }

  /** Read for update inside a transaction, so a decision on the row holds until commit. */
  findForUpdate(id: string): Promise<Account | null> {
    return this.transactions.inTransaction ? this.transactions.findForUpdate(this.transactions.manager, Account, id) : this.find(id);
  }

  query(alias: string): SelectQueryBuilder<Account> {
    return this.accounts.createQueryBuilder(alias);
  }

  async insert(account: Account): Promise<void> {
    await this.accounts.insert(account);
  }

  /** Saves columns other than the status (the status moves through the write path only). */
  async saveFields(account: Account, fields: (keyof Account)[]): Promise<void> {
    const set = Object.fromEntries(fields.map((field) => [field, account[field]]));
    await this.accounts.update({ id: account.id }, set);
  }

  platformAdminsOf(accountIds: string[]): Promise<AccountPlatformAdmin[]> {
    if (accountIds.length === 0) return Promise.resolve([]);
    return this.platformAdmins.find({ where: { accountId: In(accountIds) }, order: { addedAt: 'ASC', staffId: 'ASC' } });
  }
}
