import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { boolColumn, idColumn, instantColumn, refColumn, stringColumn, textColumn } from '../migration-columns';

export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'staff',
        columns: [
          idColumn(),
          stringColumn('email', 320),
          stringColumn('emailKey', 320),
          stringColumn('displayName', 200),
          textColumn('roles'),
          stringColumn('status', 10),
          instantColumn('leavingAt', true),
          instantColumn('leftAt', true),
          refColumn('lineManagerId', true),
          instantColumn('trainingCompletedAt', true),
          stringColumn('passwordHash', 200, true),
          instantColumn('createdAt'),
          instantColumn('updatedAt'),
        ],
        indices: [
          new TableIndex({ name: 'ux_staff_email', columnNames: ['emailKey'], isUnique: true }),
          new TableIndex({ name: 'ix_staff_status_created', columnNames: ['status', 'createdAt', 'id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [idColumn(), stringColumn('tokenHash', 64), refColumn('staffId'), instantColumn('createdAt'), instantColumn('expiresAt'), instantColumn('revokedAt', true)],
        indices: [
          new TableIndex({ name: 'ux_sessions_token', columnNames: ['tokenHash'], isUnique: true }),
          new TableIndex({ name: 'ix_sessions_staff', columnNames: ['staffId', 'revokedAt'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'login_attempts',
        columns: [idColumn(), stringColumn('emailKey', 320), instantColumn('at'), boolColumn('succeeded', false)],
        indices: [new TableIndex({ name: 'ix_login_attempts_email_at', columnNames: ['emailKey', 'at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'policies',
        columns: [
          { name: 'version', type: 'varchar', length: '50', isPrimary: true },
          stringColumn('title', 200),
          textColumn('text'),
          instantColumn('effectiveFrom'),
          instantColumn('reviewDueAt'),
          refColumn('createdById'),
          instantColumn('createdAt'),
        ],
        indices: [new TableIndex({ name: 'ix_policies_effective', columnNames: ['effectiveFrom', 'createdAt'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'policy_acknowledgements',
        columns: [idColumn(), stringColumn('policyVersion', 50), refColumn('staffId'), instantColumn('acknowledgedAt')],
        indices: [
          new TableIndex({ name: 'ux_policy_ack', columnNames: ['policyVersion', 'staffId'], isUnique: true }),
          new TableIndex({ name: 'ix_policy_ack_staff', columnNames: ['staffId', 'acknowledgedAt'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          instantColumn('at'),
          refColumn('actorId', true),
          stringColumn('action', 100),
          stringColumn('subjectType', 50),
          stringColumn('subjectId', 100, true),
          textColumn('details'),
          stringColumn('prevHash', 64),
          stringColumn('hash', 64),
        ],
        indices: [
          new TableIndex({ name: 'ix_audit_subject', columnNames: ['subjectType', 'subjectId', 'id'] }),
          new TableIndex({ name: 'ix_audit_actor', columnNames: ['actorId', 'id'] }),
          new TableIndex({ name: 'ix_audit_action', columnNames: ['action', 'id'] }),
          new TableIndex({ name: 'ix_audit_at', columnNames: ['at', 'id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_entries', 'policy_acknowledgements', 'policies', 'login_attempts', 'sessions', 'staff']) {
      await queryRunner.dropTable(table);
    }
  }
}
