import { Global, Module } from '@nestjs/common';
import { Passwords } from '../auth/passwords';
import { Clock } from './clock';

/** The few shared, side-effecting pieces (time, password hashing) as injectable singletons. */
@Global()
@Module({ providers: [Clock, Passwords], exports: [Clock, Passwords] })
export class CommonModule {}
