import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, JsonColumn, RefColumn, StringColumn, TextColumn } from '../common/database/entity-columns';

/** What a sandbox account "published": a local record for training and demos, never sent anywhere. */
@Entity('sandbox_posts')
export class SandboxPost {
  @IdColumn() id: string;
  @RefColumn() accountId: string;
  @RefColumn() draftId: string;
  @RefColumn() revisionId: string;
  @StringColumn(200) externalId: string;
  @TextColumn() text: string;
  @StringColumn(500, true) title: string | null;
  @StringColumn(2000, true) link: string | null;
  @JsonColumn() media: { mediaId: string; altText: string }[];
  @InstantColumn() publishedAt: string;
  @InstantColumn(true) removedAt: string | null;
}
