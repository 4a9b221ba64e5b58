import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { boolColumn, idColumn, instantColumn, intColumn, refColumn, stringColumn, textColumn } from '../migration-columns';

/** Media, drafts with immutable revisions and their history, consent requests, approvals and the publish outbox. */
export class Drafts1763900002000 implements MigrationInterface {
  name = 'Drafts1763900002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'media',
        columns: [idColumn(), refColumn('uploadedById'), stringColumn('mimeType', 100), intColumn('bytes'), stringColumn('sha256', 64), instantColumn('createdAt')],
        indices: [new TableIndex({ name: 'ix_media_uploaded_by', columnNames: ['uploadedById', 'createdAt', 'id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'drafts',
        columns: [
          idColumn(),
          refColumn('accountId'),
          refColumn('authorId'),
          refColumn('ownerId'),
          stringColumn('status', 20),
          refColumn('currentRevisionId'),
          textColumn('findings'),
          instantColumn('scheduledFor', true),
          instantColumn('submittedAt', true),
          textColumn('publication', true),
          textColumn('failure', true),
          intColumn('lastEventSeq'),
          instantColumn('createdAt'),
          instantColumn('updatedAt'),
        ],
        indices: [
          new TableIndex({ name: 'ix_drafts_created', columnNames: ['createdAt', 'id'] }),
          new TableIndex({ name: 'ix_drafts_account', columnNames: ['accountId', 'createdAt', 'id'] }),
          new TableIndex({ name: 'ix_drafts_owner', columnNames: ['ownerId', 'createdAt', 'id'] }),
          new TableIndex({ name: 'ix_drafts_author', columnNames: ['authorId', 'createdAt', 'id'] }),
          new TableIndex({ name: 'ix_drafts_status', columnNames: ['status', 'createdAt', 'id'] }),
          // The approval queue: submitted drafts oldest first, overall and per account.
          new TableIndex({ name: 'ix_drafts_queue', columnNames: ['status', 'submittedAt', 'id'] }),
          new TableIndex({ name: 'ix_drafts_account_queue', columnNames: ['accountId', 'status', 'submittedAt', 'id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'draft_revisions',
        columns: [
          idColumn(),
          refColumn('draftId'),
          intColumn('number'),
          textColumn('text'),
          stringColumn('title', 500, true),
          stringColumn('link', 2000, true),
          textColumn('media'),
          stringColumn('contentHash', 64),
          instantColumn('createdAt'),
          refColumn('createdById'),
        ],
        indices: [new TableIndex({ name: 'ux_draft_revisions_number', columnNames: ['draftId', 'number'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'draft_events',
        columns: [
          idColumn(),
          refColumn('draftId'),
          intColumn('seq'),
          instantColumn('at'),
          refColumn('actorId', true),
          stringColumn('action', 40),
          stringColumn('fromStatus', 20, true),
          stringColumn('toStatus', 20),
          refColumn('revisionId', true),
          textColumn('details'),
        ],
        indices: [new TableIndex({ name: 'ux_draft_events_seq', columnNames: ['draftId', 'seq'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'draft_approvals',
        columns: [idColumn(), refColumn('draftId'), refColumn('revisionId'), refColumn('managerId'), instantColumn('approvedAt'), instantColumn('voidedAt', true)],
        indices: [
          // A manager's approval counts once per revision, however many requests race.
          new TableIndex({ name: 'ux_draft_approvals_manager', columnNames: ['draftId', 'revisionId', 'managerId'], isUnique: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'consent_requests',
        columns: [
          idColumn(),
          refColumn('draftId'),
          refColumn('mediaId'),
          refColumn('staffId'),
          stringColumn('status', 10),
          boolColumn('active', true),
          refColumn('requestedById'),
          instantColumn('createdAt'),
          instantColumn('decidedAt', true),
        ],
        indices: [
          new TableIndex({ name: 'ux_consent_requests_subject', columnNames: ['draftId', 'mediaId', 'staffId'], isUnique: true }),
          new TableIndex({ name: 'ix_consent_requests_staff', columnNames: ['staffId', 'createdAt', 'id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'publish_outbox',
        columns: [
          idColumn(),
          refColumn('draftId'),
          refColumn('revisionId'),
          refColumn('accountId'),
          instantColumn('notBefore'),
          instantColumn('createdAt'),
          instantColumn('dispatchedAt', true),
          { name: 'attempts', type: 'integer', default: 0 },
        ],
        indices: [
          // Publishing is at most once per approved revision.
          new TableIndex({ name: 'ux_publish_outbox_revision', columnNames: ['revisionId'], isUnique: true }),
          new TableIndex({ name: 'ix_publish_outbox_due', columnNames: ['dispatchedAt', 'notBefore'] }),
          new TableIndex({ name: 'ix_publish_outbox_draft', columnNames: ['draftId'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['publish_outbox', 'consent_requests', 'draft_approvals', 'draft_events', 'draft_revisions', 'drafts', 'media']) await queryRunner.dropTable(table);
  }
}
