import { once } from 'events';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Requires } from '../auth/access.decorators';
import { Permission } from '../auth/permissions';
import { Page } from '../common/pagination';
import { AuditCheckpoints } from './audit-checkpoints.service';
import { AuditExport } from './audit-export';
import { AuditEntryView, AuditQueries } from './audit-query.service';
import { Checkpoint } from './audit-signatures';
import { AuditSigner } from './audit-signer';
import { AuditVerifier, VerifyResult } from './audit-verifier';
import { AuditExportQuery, AuditQuery, AuditVerifyQuery } from './dto/audit-query.dto';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', jsonl: 'application/jsonl; charset=utf-8' } as const;

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly queries: AuditQueries,
    private readonly verifier: AuditVerifier,
    private readonly checkpoints: AuditCheckpoints,
    private readonly exports: AuditExport,
    private readonly signer: AuditSigner,
  ) {}

  @Requires(Permission.AuditRead)
  @Get()
  list(@Query() query: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.queries.list(query);
  }

  @Requires(Permission.AuditVerify)
  @Get('verify')
  verify(@Query() query: AuditVerifyQuery): Promise<VerifyResult> {
    return this.verifier.verify(query.expectId !== undefined && query.expectHash !== undefined ? { id: query.expectId, hash: query.expectHash } : undefined);
  }

  @Requires(Permission.AuditHead)
  @Get('head')
  head(): Promise<Checkpoint> {
    return this.checkpoints.receipt();
  }

  @Requires(Permission.AuditPublicKey)
  @Get('public-key')
  publicKey(): { algorithm: 'Ed25519'; publicKey: string } {
    return { algorithm: 'Ed25519', publicKey: this.signer.publicKeyPem };
  }

  @Requires(Permission.AuditExport)
  @Get('export')
  @ApiProduces(CONTENT_TYPES.csv, CONTENT_TYPES.jsonl)
  async export(@Query() query: AuditExportQuery, @Res() response: Response): Promise<void> {
    const format = query.format ?? 'csv';
    response.status(200);
    response.setHeader('Content-Type', CONTENT_TYPES[format]);
    response.setHeader('Content-Disposition', `attachment; filename="gatehouse-audit.${format}"`);
    for await (const chunk of this.exports.chunks(format)) {
      // Waiting for a slow reader keeps a million entries from piling up in memory under the heap limit.
      if (!response.write(chunk)) await drainedOrClosed(response);
      if (response.destroyed) return;
    }
    response.end();
  }
}

async function drainedOrClosed(response: Response): Promise<void> {
  const stop = new AbortController();
  await Promise.race([once(response, 'drain', { signal: stop.signal }), once(response, 'close', { signal: stop.signal })]).finally(() => stop.abort());
}
