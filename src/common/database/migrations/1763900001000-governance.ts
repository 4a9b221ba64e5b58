import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { boolColumn, idColumn, instantColumn, intColumn, refColumn, stringColumn, textColumn } from '../migration-columns';

/** Corporate accounts with their sealed credentials, platform-admin rosters, DPIA versions and authorisations. */
export class Governance1763900001000 implements MigrationInterface {
  name = 'Governance1763900001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'accounts',
        columns: [
          idColumn(),
          stringColumn('platform', 20),
          stringColumn('name', 200),
          stringColumn('externalId', 200),
          stringColumn('mode', 10),
          stringColumn('status', 20),
          refColumn('ownerId'),
          intColumn('requiredApprovals'),
          textColumn('credentialsCiphertext', true),
          stringColumn('credentialsIv', 32, true),
          stringColumn('credentialsAuthTag', 32, true),
          instantColumn('credentialsExpireAt', true),
          refColumn('connectedById', true),
          boolColumn('credentialRotationRequired', false),
          boolColumn('credentialsInvalid', false),
          textColumn('statusReason', true),
          instantColumn('closedAt', true),
          instantColumn('createdAt'),
          instantColumn('updatedAt'),
        ],
        indices: [
          new TableIndex({ name: 'ix_accounts_created', columnNames: ['createdAt', 'id'] }),
          new TableIndex({ name: 'ix_accounts_connected_by', columnNames: ['connectedById'] }),
          new TableIndex({ name: 'ix_accounts_owner', columnNames: ['ownerId'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'account_platform_admins',
        columns: [{ ...refColumn('accountId'), isPrimary: true }, { ...refColumn('staffId'), isPrimary: true }, instantColumn('addedAt'), refColumn('addedById')],
        indices: [new TableIndex({ name: 'ix_account_platform_admins_staff', columnNames: ['staffId'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'dpias',
        columns: [
          idColumn(),
          refColumn('accountId'),
          intColumn('version'),
          stringColumn('status', 20),
          textColumn('purpose'),
          textColumn('dataCategories'),
          textColumn('dataSubjects'),
          textColumn('lawfulBasis'),
          textColumn('screening'),
          textColumn('risks'),
          stringColumn('documentUrl', 2000, true),
          refColumn('submittedById', true),
          instantColumn('submittedAt', true),
          refColumn('signedOffById', true),
          instantColumn('signedOffAt', true),
          stringColumn('decision', 10, true),
          textColumn('dpoAdvice', true),
          stringColumn('icoConsultationReference', 200, true),
          instantColumn('reviewDueAt', true),
          refColumn('createdById'),
          instantColumn('createdAt'),
          instantColumn('updatedAt'),
        ],
        indices: [
          new TableIndex({ name: 'ux_dpias_account_version', columnNames: ['accountId', 'version'], isUnique: true }),
          new TableIndex({ name: 'ix_dpias_account_status', columnNames: ['accountId', 'status', 'version'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'authorisations',
        columns: [
          idColumn(),
          refColumn('accountId'),
          refColumn('staffId'),
          refColumn('grantedById'),
          instantColumn('grantedAt'),
          textColumn('reason'),
          instantColumn('expiresAt', true),
          instantColumn('revokedAt', true),
          refColumn('revokedById', true),
          textColumn('revokeReason', true),
        ],
        indices: [
          new TableIndex({ name: 'ix_authorisations_account', columnNames: ['accountId', 'grantedAt', 'id'] }),
          new TableIndex({ name: 'ix_authorisations_staff', columnNames: ['staffId', 'grantedAt', 'id'] }),
          new TableIndex({ name: 'ix_authorisations_staff_open', columnNames: ['staffId', 'revokedAt'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['authorisations', 'dpias', 'account_platform_admins', 'accounts']) await queryRunner.dropTable(table);
  }
}
