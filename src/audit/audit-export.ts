import { Injectable } from '@nestjs/common';
import { StoredEntry } from './audit-chain-reader';
import { AuditCheckpoints } from './audit-checkpoints.service';
import { AuditQueries } from './audit-query.service';
import { csvRow } from './csv';
import { ExportFormat } from './dto/audit-query.dto';

/** Every stored column; `details` is the stored text, exactly what was hashed. */
export const EXPORT_COLUMNS = ['id', 'at', 'actorId', 'action', 'subjectType', 'subjectId', 'details', 'prevHash', 'hash', 'signature'] as const;

/**
 * The export as text chunks. Each export ends by signing a checkpoint of its last entry, appended to
 * the checkpoint file; in jsonl that checkpoint is also the last line, so the export carries its own proof.
 */
@Injectable()
export class AuditExport {
  constructor(
    private readonly queries: AuditQueries,
    private readonly checkpoints: AuditCheckpoints,
  ) {}

  async *chunks(format: ExportFormat): AsyncGenerator<string> {
    if (format === 'csv') yield csvRow([...EXPORT_COLUMNS]);
    let last: StoredEntry | null = null;
    for await (const batch of this.queries.exportBatches()) {
      yield batch.map((entry) => (format === 'csv' ? csvRow(EXPORT_COLUMNS.map((column) => entry[column])) : jsonLine(entry))).join('');
      last = batch[batch.length - 1];
    }
    if (last === null) return;
    const checkpoint = await this.checkpoints.issueCommitted(last);
    if (checkpoint && format === 'jsonl') yield JSON.stringify(checkpoint) + '\n';
  }
}

const jsonLine = (entry: StoredEntry): string => JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((column) => [column, entry[column]]))) + '\n';
