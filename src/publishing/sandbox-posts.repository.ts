import { Injectable } from '@nestjs/common';
import { IsNull, Repository, SelectQueryBuilder } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { SandboxPost } from './sandbox-post.entity';

/** What sandbox accounts "published", in the current transaction (or outside one). */
@Injectable()
export class SandboxPostsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get posts(): Repository<SandboxPost> {
    return this.transactions.manager.getRepository(SandboxPost);
  }

  async insert(post: SandboxPost): Promise<void> {
    await this.posts.insert(post);
  }

  /** Marks the draft's posts still up as removed. */
  async removeOf(draftId: string, nowIso: string): Promise<void> {
    await this.posts.update({ draftId, removedAt: IsNull() }, { removedAt: nowIso });
  }

  /** The account's posts, `p`. */
  ofAccountQuery(accountId: string): SelectQueryBuilder<SandboxPost> {
    return this.posts.createQueryBuilder('p').where('p.accountId = :accountId', { accountId });
  }
}
