import { Injectable } from '@nestjs/common';
import { IsNull, LessThan, Repository } from 'typeorm';
import { Transactions } from '../../common/database/transactions';
import { OidcSignIn } from './oidc-sign-in.entity';

/** Single sign-on attempts between the redirect to the provider and the way back, in the current transaction. */
@Injectable()
export class OidcSignInsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get attempts(): Repository<OidcSignIn> {
    return this.transactions.manager.getRepository(OidcSignIn);
  }

  async deleteExpiredBefore(nowIso: string): Promise<void> {
    await this.attempts.delete({ expiresAt: LessThan(nowIso) });
  }

  async insert(attempt: OidcSignIn): Promise<void> {
    await this.attempts.insert(attempt);
  }

  findByStateHash(stateHash: string): Promise<OidcSignIn | null> {
    return this.attempts.findOneBy({ stateHash });
  }

  /** Marks the attempt used unless it already is; whether this call was the one that did. */
  async claim(id: string, nowIso: string): Promise<boolean> {
    const claimed = await this.attempts.update({ id, usedAt: IsNull() }, { usedAt: nowIso });
    return (claimed.affected ?? 0) === 1;
  }
}
