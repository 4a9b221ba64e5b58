import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { idColumn, instantColumn, stringColumn } from '../migration-columns';

/** Single sign-on attempts in flight: each state is single use and short-lived. */
export class OidcSignIn1764000701000 implements MigrationInterface {
  name = 'OidcSignIn1764000701000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'oidc_sign_ins',
        columns: [
          idColumn(),
          stringColumn('stateHash', 64),
          stringColumn('browserHash', 64),
          stringColumn('nonce', 100),
          stringColumn('codeVerifier', 100),
          instantColumn('createdAt'),
          instantColumn('expiresAt'),
          instantColumn('usedAt', true),
        ],
        indices: [
          new TableIndex({ name: 'ux_oidc_sign_ins_state', columnNames: ['stateHash'], isUnique: true }),
          new TableIndex({ name: 'ix_oidc_sign_ins_expires', columnNames: ['expiresAt'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('oidc_sign_ins');
  }
}
