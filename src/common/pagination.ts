import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationFailedError } from './errors/generic-errors';

export class PageQuery {
  @ApiPropertyOptional({ description: 'How many items, 1 to 200 (default 50).', minimum: 1, maximum: 200, type: Number })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.', type: String })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;

/**
 * Keyset cursors: the sort key values of the last item, opaque to clients. Each list orders by a
 * unique key tuple over an index, so a page never shifts when rows are inserted concurrently.
 */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values;
    }
  } catch {
    /* fall through */
  }
  throw new ValidationFailedError('The cursor is not valid.', [{ field: 'cursor', problems: ['not a cursor from this list'] }]);
}

/** Fetch limit+1 rows; the extra one tells whether another page exists. */
export function toPage<R, T>(rows: R[], limit: number, cursorOf: (row: R) => (string | number)[], view: (row: R) => T): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(view),
    nextCursor: hasMore ? encodeCursor(cursorOf(pageRows[pageRows.length - 1])) : null,
  };
}
