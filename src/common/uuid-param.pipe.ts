import { Injectable, PipeTransform } from '@nestjs/common';
import { NotFoundError } from './errors/generic-errors';
import { isUuid } from './ids';

/** An id that is not a UUID names nothing that exists: 404, never 400 or a database error. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) throw new NotFoundError();
    return value.toLowerCase();
  }
}
