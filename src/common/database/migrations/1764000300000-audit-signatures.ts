import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { stringColumn } from '../migration-columns';

/**
 * Each audit entry carries an Ed25519 signature of its hash. Entries from before stay NULL here; the
 * app signs them once, at the first start that has no checkpoint yet (see AuditSigning.signLegacyEntries).
 */
export class AuditSignatures1764000300000 implements MigrationInterface {
  name = 'AuditSignatures1764000300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('audit_entries', new TableColumn(stringColumn('signature', 86, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('audit_entries', 'signature');
  }
}
