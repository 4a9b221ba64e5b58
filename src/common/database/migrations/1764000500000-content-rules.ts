import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { idColumn, instantColumn, intColumn, refColumn, stringColumn, textColumn } from '../migration-columns';

/** Content rules edited in the app: prohibited terms, organisation domains and protected-name hashes. */
export class ContentRules1764000500000 implements MigrationInterface {
  name = 'ContentRules1764000500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'content_rules',
        columns: [
          { ...stringColumn('id', 20), isPrimary: true },
          intColumn('version'),
          textColumn('prohibitedTerms'),
          textColumn('orgDomains'),
          stringColumn('protectedNamesSalt', 100),
          instantColumn('protectedNamesUpdatedAt', true),
          instantColumn('updatedAt'),
          refColumn('updatedById', true),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'protected_names',
        columns: [idColumn(), stringColumn('entryHash', 64), textColumn('hashes'), textColumn('filters', true), instantColumn('createdAt'), refColumn('createdById', true)],
        indices: [new TableIndex({ name: 'ux_protected_names_entry', columnNames: ['entryHash'], isUnique: true })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('protected_names');
    await queryRunner.dropTable('content_rules');
  }
}
