import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager, FindOptionsSelect, In, Repository } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { Media } from './media.entity';

/** Uploads' rows (the bytes live in the media directory), in the current transaction or the manager given. */
@Injectable()
export class MediaRepository {
  constructor(private readonly transactions: Transactions) {}

  private media(manager: EntityManager = this.transactions.manager): Repository<Media> {
    return manager.getRepository(Media);
  }

  build(fields: DeepPartial<Media>): Media {
    return this.media().create(fields);
  }

  async insert(media: Media): Promise<void> {
    await this.media().insert(media);
  }

  find(id: string, manager?: EntityManager): Promise<Media | null> {
    return this.media(manager).findOneBy({ id });
  }

  /** These uploads (ids that name none are absent), with only `select`'s columns when given. */
  byIds(ids: string[], select?: FindOptionsSelect<Media>, manager?: EntityManager): Promise<Media[]> {
    return select ? this.media(manager).find({ where: { id: In(ids) }, select }) : this.media(manager).findBy({ id: In(ids) });
  }
}
