import { Injectable } from '@nestjs/common';
import { DeepPartial, Repository } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { RemovalRequest } from './removal-request.entity';

/** Removal requests, read and written in the current transaction (or outside one). */
@Injectable()
export class RemovalRequestsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get requests(): Repository<RemovalRequest> {
    return this.transactions.manager.getRepository(RemovalRequest);
  }

  build(fields: DeepPartial<RemovalRequest>): RemovalRequest {
    return this.requests.create(fields);
  }

  async insert(request: RemovalRequest): Promise<void> {
    await this.requests.insert(request);
  }

  /** What came of the request: its outcome and the platform task opened for it, if any. */
  async settle(request: Pick<RemovalRequest, 'id' | 'outcome' | 'platformTaskId'>): Promise<void> {
    await this.requests.update({ id: request.id }, { outcome: request.outcome, platformTaskId: request.platformTaskId });
  }
}
