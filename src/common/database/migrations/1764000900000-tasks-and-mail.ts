import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { boolColumn, idColumn, instantColumn, intColumn, refColumn, stringColumn, textColumn } from '../migration-columns';

/** Tasks already mailed, the mail outbox, notification preferences, password resets; personal notifications. */
export class TasksAndMail1764000900000 implements MigrationInterface {
  name = 'TasksAndMail1764000900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'task_notices',
        columns: [idColumn(), refColumn('staffId'), stringColumn('kind', 40), stringColumn('subjectId', 100), instantColumn('openedAt')],
        indices: [
          new TableIndex({ name: 'ux_task_notices_task', columnNames: ['staffId', 'kind', 'subjectId'], isUnique: true }),
          new TableIndex({ name: 'ix_task_notices_subject', columnNames: ['kind', 'subjectId'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'mail_outbox',
        columns: [
          idColumn(),
          stringColumn('kind', 20),
          refColumn('notificationId', true),
          refColumn('recipientStaffId', true),
          stringColumn('toAddress', 320),
          stringColumn('subject', 300),
          textColumn('text'),
          textColumn('html'),
          stringColumn('status', 10),
          intColumn('attempts'),
          instantColumn('nextAttemptAt'),
          instantColumn('giveUpAt'),
          stringColumn('claimedBy', 60, true),
          instantColumn('claimedUntil', true),
          instantColumn('createdAt'),
          instantColumn('sentAt', true),
          textColumn('lastError', true),
        ],
        indices: [new TableIndex({ name: 'ix_mail_outbox_due', columnNames: ['status', 'nextAttemptAt'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({ name: 'notification_preferences', columns: [idColumn('staffId'), stringColumn('email', 10), instantColumn('updatedAt')] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'password_reset_tokens',
        columns: [idColumn(), refColumn('staffId'), stringColumn('tokenHash', 64), instantColumn('createdAt'), instantColumn('expiresAt'), instantColumn('usedAt', true)],
        indices: [new TableIndex({ name: 'ux_password_reset_tokens_hash', columnNames: ['tokenHash'], isUnique: true }), new TableIndex({ name: 'ix_password_reset_tokens_staff', columnNames: ['staffId'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'password_reset_requests',
        columns: [idColumn(), stringColumn('emailKey', 320), instantColumn('at'), boolColumn('emailed', false)],
        indices: [new TableIndex({ name: 'ix_password_reset_requests_email', columnNames: ['emailKey', 'at'] })],
      }),
    );
    await queryRunner.addColumns('notifications', [
      new TableColumn({ name: 'recipientStaffId', type: 'varchar', length: '36', isNullable: true }),
      new TableColumn({ name: 'emailStatus', type: 'varchar', length: '20', isNullable: true }),
    ]);
    await queryRunner.createIndex('notifications', new TableIndex({ name: 'ix_notifications_recipient', columnNames: ['recipientStaffId', 'createdAt', 'id'] }));
    await queryRunner.createIndex('notifications', new TableIndex({ name: 'ix_notifications_email_status', columnNames: ['emailStatus', 'recipientStaffId'] }));
    // The task queries look things up by state: keep them off full scans.
    await queryRunner.createIndex('dpias', new TableIndex({ name: 'ix_dpias_status_review', columnNames: ['status', 'reviewDueAt'] }));
    await queryRunner.createIndex('accounts', new TableIndex({ name: 'ix_accounts_status', columnNames: ['status'] }));
    await queryRunner.createIndex('accounts', new TableIndex({ name: 'ix_accounts_credentials_expire', columnNames: ['credentialsExpireAt'] }));
    await queryRunner.createIndex('consent_requests', new TableIndex({ name: 'ix_consent_requests_staff_active', columnNames: ['staffId', 'active', 'status'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, index] of [
      ['consent_requests', 'ix_consent_requests_staff_active'],
      ['accounts', 'ix_accounts_credentials_expire'],
      ['accounts', 'ix_accounts_status'],
      ['dpias', 'ix_dpias_status_review'],
      ['notifications', 'ix_notifications_email_status'],
      ['notifications', 'ix_notifications_recipient'],
    ]) await queryRunner.dropIndex(table, index);
    await queryRunner.dropColumns('notifications', ['recipientStaffId', 'emailStatus']);
    for (const table of ['password_reset_requests', 'password_reset_tokens', 'notification_preferences', 'mail_outbox', 'task_notices']) await queryRunner.dropTable(table);
  }
}
