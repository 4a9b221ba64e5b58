import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { instantColumn, stringColumn, textColumn } from '../migration-columns';

/**
 * A staff record deleted by the identity provider stays (marked deleted) but gives up its email key,
 * so the same person can be provisioned again: the unique index on emailKey ignores NULLs on both
 * databases. SCIM users also keep every attribute the provider sets (the `document`) and their work email.
 */
export class ScimReprovisioning1764000700000 implements MigrationInterface {
  name = 'ScimReprovisioning1764000700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('staff', new TableColumn(instantColumn('deletedAt', true)));
    await setEmailKeyNullable(queryRunner, true);
    await queryRunner.addColumn('scim_users', new TableColumn(stringColumn('workEmailKey', 320, true)));
    await queryRunner.addColumn('scim_users', new TableColumn(textColumn('document', true)));
    await queryRunner.createIndex('scim_users', new TableIndex({ name: 'ix_scim_users_work_email', columnNames: ['workEmailKey'] }));
    await queryRunner.createIndex('scim_users', new TableIndex({ name: 'ix_scim_users_external_id', columnNames: ['externalId'] }));
    // Users deleted through SCIM before this release.
    await queryRunner.query(
      'UPDATE staff SET "deletedAt" = (SELECT su."deletedAt" FROM scim_users su WHERE su."staffId" = staff.id), "emailKey" = NULL WHERE id IN (SELECT "staffId" FROM scim_users WHERE "deletedAt" IS NOT NULL)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('scim_users', 'ix_scim_users_external_id');
    await queryRunner.dropIndex('scim_users', 'ix_scim_users_work_email');
    await queryRunner.dropColumn('scim_users', 'document');
    await queryRunner.dropColumn('scim_users', 'workEmailKey');
    // Deleted records cannot give their key back when it was reused; they keep a marker instead.
    await queryRunner.query('UPDATE staff SET "emailKey" = \'deleted:\' || id WHERE "emailKey" IS NULL');
    await setEmailKeyNullable(queryRunner, false);
    await queryRunner.dropColumn('staff', 'deletedAt');
  }
}

/**
 * PostgreSQL alters the constraint in place (TypeORM's changeColumn would drop and re-add the column,
 * losing its values and its unique index); SQLite has no ALTER COLUMN, so TypeORM rebuilds the table,
 * copying its rows and indices.
 */
async function setEmailKeyNullable(queryRunner: QueryRunner, nullable: boolean): Promise<void> {
  if (queryRunner.connection.options.type === 'postgres') {
    await queryRunner.query(`ALTER TABLE staff ALTER COLUMN "emailKey" ${nullable ? 'DROP' : 'SET'} NOT NULL`);
  } else {
    await queryRunner.changeColumn('staff', 'emailKey', new TableColumn(stringColumn('emailKey', 320, nullable)));
  }
}
