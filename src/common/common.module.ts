import { Global, Module } from '@nestjs/common';
import { Passwords } from '../auth/passwords';
import { Clock } from './clock';
import { DomainEvents } from './domain-events';

/** The few shared, side-effecting pieces (time, password hashing, change events) as injectable singletons. */
@Global()
@Module({ providers: [Clock, Passwords, DomainEvents], exports: [Clock, Passwords, DomainEvents] })
export class CommonModule {}
