import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { idColumn, instantColumn, intColumn, refColumn, stringColumn, textColumn } from '../migration-columns';

/** Offboardings with their auditors' reports, platform tasks, SCIM links, job locks and notifications. */
export class Leavers1763900003000 implements MigrationInterface {
  name = 'Leavers1763900003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'offboardings',
        columns: [
          idColumn(),
          refColumn('staffId'),
          stringColumn('status', 20),
          textColumn('reason'),
          instantColumn('effectiveAt'),
          refColumn('actorId', true),
          refColumn('transferToId', true),
          instantColumn('requestedAt'),
          instantColumn('completedAt', true),
          instantColumn('cancelledAt', true),
          refColumn('cancelledById', true),
          textColumn('revokedAuthorisations'),
          intColumn('sessionsRevoked'),
          textColumn('draftsTransferred'),
          textColumn('submissionsReturned'),
          textColumn('postsHeld'),
          textColumn('accountsRequiringCredentialRotation'),
        ],
        indices: [
          new TableIndex({ name: 'ix_offboardings_staff', columnNames: ['staffId', 'requestedAt'] }),
          new TableIndex({ name: 'ix_offboardings_due', columnNames: ['status', 'effectiveAt'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'offboarding_tasks',
        columns: [
          idColumn(),
          refColumn('offboardingId'),
          refColumn('staffId'),
          refColumn('accountId'),
          stringColumn('kind', 40),
          stringColumn('status', 10),
          instantColumn('createdAt'),
          instantColumn('completedAt', true),
          refColumn('completedById', true),
          textColumn('note', true),
        ],
        indices: [
          new TableIndex({ name: 'ix_offboarding_tasks_offboarding', columnNames: ['offboardingId'] }),
          new TableIndex({ name: 'ix_offboarding_tasks_status', columnNames: ['status'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'scim_users',
        columns: [
          idColumn('staffId'),
          stringColumn('externalId', 200, true),
          stringColumn('givenName', 200, true),
          stringColumn('familyName', 200, true),
          instantColumn('deletedAt', true),
          instantColumn('createdAt'),
          instantColumn('updatedAt'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'job_locks',
        columns: [{ name: 'name', type: 'varchar', length: '60', isPrimary: true }, instantColumn('lockedUntil'), stringColumn('lockedBy', 60), instantColumn('lastRunAt', true)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          idColumn(),
          stringColumn('kind', 60),
          stringColumn('dedupeKey', 300),
          stringColumn('subjectType', 40),
          stringColumn('subjectId', 100, true),
          textColumn('message'),
          textColumn('details'),
          instantColumn('createdAt'),
        ],
        indices: [
          new TableIndex({ name: 'ux_notifications_dedupe', columnNames: ['dedupeKey'], isUnique: true }),
          new TableIndex({ name: 'ix_notifications_created', columnNames: ['createdAt', 'id'] }),
        ],
      }),
    );
    // The due-leavers job and the compliance report look staff up by leaving time.
    await queryRunner.createIndex('staff', new TableIndex({ name: 'ix_staff_leaving', columnNames: ['status', 'leavingAt'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('staff', 'ix_staff_leaving');
    for (const table of ['notifications', 'job_locks', 'scim_users', 'offboarding_tasks', 'offboardings']) await queryRunner.dropTable(table);
  }
}
