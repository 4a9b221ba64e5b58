import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** Indexes matching the keyset lists that had none: every staff member, notifications of one kind, every platform task. */
export class KeysetIndexes1764000600000 implements MigrationInterface {
  name = 'KeysetIndexes1764000600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('staff', new TableIndex({ name: 'ix_staff_created', columnNames: ['createdAt', 'id'] }));
    await queryRunner.createIndex('notifications', new TableIndex({ name: 'ix_notifications_kind_created', columnNames: ['kind', 'createdAt', 'id'] }));
    await queryRunner.createIndex('platform_tasks', new TableIndex({ name: 'ix_platform_tasks_created', columnNames: ['createdAt', 'id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('platform_tasks', 'ix_platform_tasks_created');
    await queryRunner.dropIndex('notifications', 'ix_notifications_kind_created');
    await queryRunner.dropIndex('staff', 'ix_staff_created');
  }
}
