import { Global, Module } from '@nestjs/common';
import { AuditQueries } from './audit-query.service';
import { AuditTrail } from './audit-trail.service';
import { AuditController } from './audit.controller';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditTrail, AuditQueries],
  exports: [AuditTrail],
})
export class AuditModule {}
