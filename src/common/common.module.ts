import { Global, Module } from '@nestjs/common';
import { Passwords } from '../auth/passwords';
import { Access } from './access/access.service';
import { Clock } from './clock';
import { DomainEvents } from './domain-events';
import { WritePath } from './write-path/write-path';

/** The shared pieces every module uses: time, password hashing, the write path and the access check. */
@Global()
@Module({ providers: [Clock, Passwords, DomainEvents, WritePath, Access], exports: [Clock, Passwords, DomainEvents, WritePath, Access] })
export class CommonModule {}
