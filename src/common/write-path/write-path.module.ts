import { Global, Module } from '@nestjs/common';
import { Access } from '../access/access.service';
import { WritePath } from './write-path';

/** The one write path and the one access check, for every module; they need the database and the audit trail. */
@Global()
@Module({ providers: [WritePath, Access], exports: [WritePath, Access] })
export class WritePathModule {}
