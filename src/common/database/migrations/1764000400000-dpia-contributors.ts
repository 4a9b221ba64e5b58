import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** Who wrote or edited each DPIA version: none of them may sign it off. Existing versions start with their creator. */
export class DpiaContributors1764000400000 implements MigrationInterface {
  name = 'DpiaContributors1764000400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('dpias', new TableColumn({ name: 'contributorIds', type: 'text', isNullable: false, default: "'[]'" }));
    await queryRunner.query(`UPDATE dpias SET "contributorIds" = '["' || "createdById" || '"]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('dpias', 'contributorIds');
  }
}
