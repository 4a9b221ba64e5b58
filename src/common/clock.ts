import { Injectable } from '@nestjs/common';

/** The time source, injectable so tests can move it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  nowIso(): string {
    return this.now().toISOString();
  }
}
