/** The table and columns of a unique index or primary key a write collided with. */
export interface UniqueViolation {
  table: string;
  columns: string[];
}

const SQLITE_UNIQUE = /UNIQUE constraint failed: (.+)$/;
const POSTGRES_KEY = /^Key \((.+?)\)=\(/;

/**
 * Recognises a driver's unique-violation error, on SQLite (sqlite3 and better-sqlite3) and PostgreSQL
 * (SQLSTATE 23505), through TypeORM's QueryFailedError or bare; anything else is null.
 */
export function uniqueViolation(error: unknown): UniqueViolation | null {
  if (error === null || typeof error !== 'object') return null;
  const driver = ((error as { driverError?: unknown }).driverError ?? error) as { code?: unknown; message?: unknown; table?: unknown; detail?: unknown };
  if (driver.code === '23505') {
    const columns = POSTGRES_KEY.exec(String(driver.detail ?? ''))?.[1].split(',').map((column) => column.trim().replace(/^"|"$/g, '')) ?? [];
    return { table: String(driver.table ?? ''), columns };
  }
  if (typeof driver.code === 'string' && driver.code.startsWith('SQLITE_CONSTRAINT')) {
    const match = SQLITE_UNIQUE.exec(String(driver.message ?? ''));
    if (!match) return null;
    const qualified = match[1].split(',').map((column) => column.trim());
    return { table: qualified[0].split('.')[0], columns: qualified.map((column) => column.split('.').slice(1).join('.')) };
  }
  return null;
}
