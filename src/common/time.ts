/**
 * Instants are stored as fixed-width UTC ISO-8601 strings (`2026-11-23T07:00:00.000Z`): the same
 * column type on SQLite and PostgreSQL, and string order is time order, so comparisons and indexes work.
 */
export function toIso(date: Date): string {
  return date.toISOString();
}

export function addMs(iso: string | Date, ms: number): string {
  const base = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  return new Date(base + ms).toISOString();
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
}
