import { Global, Module } from '@nestjs/common';
import { AuditCheckpoints } from './audit-checkpoints.service';
import { AuditExport } from './audit-export';
import { AuditQueries } from './audit-query.service';
import { AuditSigner } from './audit-signer';
import { AuditTrail } from './audit-trail.service';
import { AuditVerifier } from './audit-verifier';
import { AuditController } from './audit.controller';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditTrail, AuditQueries, AuditSigner, AuditCheckpoints, AuditVerifier, AuditExport],
  exports: [AuditTrail],
})
export class AuditModule {}
