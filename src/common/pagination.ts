import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
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

/** How a list is ordered: its sort columns (`alias.column`, the last one unique), one direction, and a row's values for them. */
export interface Keyset<R> {
  columns: readonly string[];
  /** Columns holding numbers: a cursor must give them numbers. */
  numeric?: readonly string[];
  direction: 'ASC' | 'DESC';
  of: (row: R) => (string | number)[];
}

/**
 * The one way a list reads a page: ordered by the keyset and starting after the cursor, written as a
 * row-value comparison `(createdAt, id) < (:at, :id)`. Both SQLite and PostgreSQL turn that into one range
 * over an index on (filter columns..., sort columns...), so a deep page costs what the first does; the
 * equivalent `a < x OR (a = x AND b < y)` is not turned into a range by either. `view` gets the page's rows
 * in order and answers their views in the same order.
 */
export async function keysetPage<R extends ObjectLiteral, T>(
  builder: SelectQueryBuilder<R>,
  keyset: Keyset<R>,
  query: { limit?: number; cursor?: string },
  view: (rows: R[]) => T[] | Promise<T[]>,
): Promise<Page<T>> {
  return keysetPageOf(
    keyset,
    query,
    (after, take) => {
      if (after) {
        const names = keyset.columns.map((_, i) => `keyset${i}`);
        builder.andWhere(`(${keyset.columns.join(', ')}) ${keysetComparison(keyset)} (${names.map((name) => `:${name}`).join(', ')})`, Object.fromEntries(names.map((name, i) => [name, after[i]])));
      }
      keyset.columns.forEach((column, i) => (i === 0 ? builder.orderBy(column, keyset.direction) : builder.addOrderBy(column, keyset.direction)));
      return builder.take(take).getMany();
    },
    view,
  );
}

/** `<` or `>`: how a row after the cursor compares with it. */
export const keysetComparison = (keyset: Pick<Keyset<unknown>, 'direction'>): '<' | '>' => (keyset.direction === 'DESC' ? '<' : '>');

/**
 * The same page for a list read by a statement of its own (a prepared statement, no query builder):
 * `read` gets the cursor's values (null on the first page) and how many rows to read, and writes the
 * same row-value comparison and order (`keysetComparison`, then `keyset.columns` in `keyset.direction`).
 */
export async function keysetPageOf<R, T>(
  keyset: Keyset<R>,
  query: { limit?: number; cursor?: string },
  read: (after: (string | number)[] | null, take: number) => Promise<R[]>,
  view: (rows: R[]) => T[] | Promise<T[]>,
): Promise<Page<T>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const cursor = decodeCursor(query.cursor, keyset.columns.length);
  if (cursor && keyset.columns.some((column, i) => keyset.numeric?.includes(column) && !Number.isFinite(cursor[i]))) {
    throw new ValidationFailedError('The cursor is not valid.', [{ field: 'cursor', problems: ['not a cursor from this list'] }]);
  }
  const rows = await read(cursor, limit + 1);
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return { items: await view(pageRows), nextCursor: hasMore ? encodeCursor(keyset.of(pageRows[pageRows.length - 1])) : null };
}
