import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { boolColumn, idColumn, instantColumn, refColumn, stringColumn, textColumn } from '../migration-columns';

/** Concerns with their breach assessment, the investigation notes, and removal requests. */
export class Concerns1764001000000 implements MigrationInterface {
  name = 'Concerns1764001000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'concerns',
        columns: [
          idColumn(),
          stringColumn('kind', 30),
          stringColumn('status', 20),
          textColumn('description'),
          refColumn('draftId', true),
          stringColumn('url', 2000, true),
          refColumn('reportedById'),
          instantColumn('reportedAt'),
          boolColumn('involvesServiceUsers', false),
          boolColumn('personalData', false),
          refColumn('assignedToId', true),
          instantColumn('safeguardingNotifiedAt', true),
          instantColumn('hrAdviceSoughtAt', true),
          textColumn('outcome', true),
          instantColumn('resolvedAt', true),
          refColumn('resolvedById', true),
          instantColumn('breachAwareAt', true),
          instantColumn('breachIcoDeadline', true),
          stringColumn('breachDecision', 20, true),
          textColumn('breachDecisionReason', true),
          refColumn('breachDecidedById', true),
          instantColumn('breachDecidedAt', true),
          stringColumn('breachIcoReference', 200, true),
          instantColumn('breachReportedToIcoAt', true),
          instantColumn('updatedAt'),
        ],
        indices: [
          // The list pages newest first.
          new TableIndex({ name: 'ix_concerns_reported', columnNames: ['reportedAt', 'id'] }),
          new TableIndex({ name: 'ix_concerns_reporter', columnNames: ['reportedById', 'reportedAt'] }),
          new TableIndex({ name: 'ix_concerns_status', columnNames: ['status', 'reportedAt'] }),
          // Undecided breaches by deadline: the compliance report and the decide_breach task.
          new TableIndex({ name: 'ix_concerns_breach', columnNames: ['breachDecision', 'breachIcoDeadline'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'concern_notes',
        columns: [idColumn(), refColumn('concernId'), refColumn('authorId'), instantColumn('at'), textColumn('text')],
        indices: [new TableIndex({ name: 'ix_concern_notes_concern', columnNames: ['concernId', 'at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'removal_requests',
        columns: [
          idColumn(),
          refColumn('draftId'),
          refColumn('requestedById'),
          instantColumn('requestedAt'),
          textColumn('reason'),
          stringColumn('outcome', 20),
          refColumn('concernId'),
          refColumn('platformTaskId', true),
        ],
        indices: [new TableIndex({ name: 'ix_removal_requests_draft', columnNames: ['draftId', 'requestedAt'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('removal_requests');
    await queryRunner.dropTable('concern_notes');
    await queryRunner.dropTable('concerns');
  }
}
