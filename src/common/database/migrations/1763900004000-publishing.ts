import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { idColumn, instantColumn, refColumn, stringColumn, textColumn } from '../migration-columns';

export class Publishing1763900004000 implements MigrationInterface {
  name = 'Publishing1763900004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'publish_attempts',
        columns: [idColumn(), refColumn('draftId'), refColumn('revisionId'), instantColumn('startedAt'), instantColumn('finishedAt', true), stringColumn('outcome', 20), textColumn('detail', true)],
        indices: [new TableIndex({ name: 'ix_publish_attempts_revision', columnNames: ['revisionId', 'outcome'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sandbox_posts',
        columns: [
          idColumn(),
          refColumn('accountId'),
          refColumn('draftId'),
          refColumn('revisionId'),
          stringColumn('externalId', 200),
          textColumn('text'),
          stringColumn('title', 500, true),
          stringColumn('link', 2000, true),
          textColumn('media'),
          instantColumn('publishedAt'),
          instantColumn('removedAt', true),
        ],
        indices: [
          new TableIndex({ name: 'ix_sandbox_posts_account', columnNames: ['accountId', 'publishedAt', 'id'] }),
          new TableIndex({ name: 'ux_sandbox_posts_revision', columnNames: ['revisionId'], isUnique: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'platform_tasks',
        columns: [
          idColumn(),
          refColumn('accountId'),
          refColumn('draftId', true),
          stringColumn('kind', 40),
          stringColumn('status', 10),
          textColumn('reason'),
          refColumn('createdById'),
          instantColumn('createdAt'),
          refColumn('completedById', true),
          instantColumn('completedAt', true),
          textColumn('note', true),
        ],
        indices: [new TableIndex({ name: 'ix_platform_tasks_status', columnNames: ['status', 'createdAt', 'id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('platform_tasks');
    await queryRunner.dropTable('sandbox_posts');
    await queryRunner.dropTable('publish_attempts');
  }
}
