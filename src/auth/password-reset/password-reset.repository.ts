import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan, Repository } from 'typeorm';
import { Transactions } from '../../common/database/transactions';
import { PasswordResetRequest } from './password-reset-request.entity';
import { PasswordResetToken } from './password-reset-token.entity';

/** Reset requests (one per ask, mailed or not) and the links they sent, in the current transaction (or outside one). */
@Injectable()
export class PasswordResetRepository {
  constructor(private readonly transactions: Transactions) {}

  private get requests(): Repository<PasswordResetRequest> {
    return this.transactions.manager.getRepository(PasswordResetRequest);
  }

  private get tokens(): Repository<PasswordResetToken> {
    return this.transactions.manager.getRepository(PasswordResetToken);
  }

  async addRequest(request: PasswordResetRequest): Promise<void> {
    await this.requests.insert(request);
  }

  async markEmailed(requestId: string): Promise<void> {
    await this.requests.update({ id: requestId }, { emailed: true });
  }

  /** Requests for this address that were mailed after `sinceIso`. */
  mailedSince(emailKey: string, sinceIso: string): Promise<number> {
    return this.requests.countBy({ emailKey, emailed: true, at: MoreThan(sinceIso) });
  }

  async addToken(token: PasswordResetToken): Promise<void> {
    await this.tokens.insert(token);
  }

  /** The link with this hash, held against a concurrent use of it until the transaction ends. */
  async tokenForUpdate(tokenHash: string): Promise<PasswordResetToken | null> {
    const found = await this.tokens.findOneBy({ tokenHash });
    return found && this.transactions.findForUpdate(this.transactions.manager, PasswordResetToken, found.id);
  }

  /** Marks every unused link of the person used. */
  async useAllOf(staffId: string, nowIso: string): Promise<void> {
    await this.tokens.update({ staffId, usedAt: IsNull() }, { usedAt: nowIso });
  }
}
