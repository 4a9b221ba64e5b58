import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { idColumn, instantColumn, refColumn, stringColumn, textColumn } from '../migration-columns';

export class Connections1764000800000 implements MigrationInterface {
  name = 'Connections1764000800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'connections',
        columns: [
          idColumn(),
          stringColumn('platform', 20),
          stringColumn('status', 20),
          refColumn('accountId', true),
          refColumn('startedById'),
          instantColumn('startedAt'),
          instantColumn('expiresAt'),
          stringColumn('stateHash', 64),
          instantColumn('stateUsedAt', true),
          instantColumn('authorisedAt', true),
          textColumn('candidates'),
          stringColumn('failureCode', 40, true),
          textColumn('failureMessage', true),
          textColumn('secretsCiphertext', true),
          stringColumn('secretsIv', 32, true),
          stringColumn('secretsAuthTag', 32, true),
          instantColumn('updatedAt'),
        ],
        indices: [
          new TableIndex({ name: 'ux_connections_state', columnNames: ['stateHash'], isUnique: true }),
          // The expiry sweep reads open connections by deadline.
          new TableIndex({ name: 'ix_connections_open', columnNames: ['status', 'expiresAt'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('connections');
  }
}
