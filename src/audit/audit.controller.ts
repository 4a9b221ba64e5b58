import { once } from 'events';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Requires } from '../auth/access.decorators';
import { Permission } from '../auth/permissions';
import { Page } from '../common/pagination';
import { AuditEntryView, AuditQueries, VerifyResult } from './audit-query.service';
import { csvRow } from './csv';
import { AuditExportQuery, AuditQuery } from './dto/audit-query.dto';

const CSV_COLUMNS = ['id', 'at', 'actorId', 'action', 'subjectType', 'subjectId', 'details', 'prevHash', 'hash'] as const;

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly queries: AuditQueries) {}

  @Requires(Permission.AuditRead)
  @Get()
  list(@Query() query: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.queries.list(query);
  }

  @Requires(Permission.AuditVerify)
  @Get('verify')
  verify(): Promise<VerifyResult> {
    return this.queries.verify();
  }

  @Requires(Permission.AuditExport)
  @Get('export')
  @ApiProduces('text/csv')
  async export(@Query() _query: AuditExportQuery, @Res() response: Response): Promise<void> {
    response.status(200);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="gatehouse-audit.csv"');
    response.write(csvRow([...CSV_COLUMNS]));
    for await (const batch of this.queries.exportBatches()) {
      // Waiting for a slow reader keeps a million entries from piling up in memory under the heap limit.
      if (!response.write(batch.map((entry) => csvRow(CSV_COLUMNS.map((column) => entry[column]))).join(''))) await drainedOrClosed(response);
      if (response.destroyed) return;
    }
    response.end();
  }
}

async function drainedOrClosed(response: Response): Promise<void> {
  const stop = new AbortController();
  await Promise.race([once(response, 'drain', { signal: stop.signal }), once(response, 'close', { signal: stop.signal })]).finally(() => stop.abort());
}
