import { TableColumnOptions } from 'typeorm';

/**
 * Column shapes shared by the migrations, chosen to mean the same on SQLite and PostgreSQL:
 * ids are UUID strings, instants fixed-width ISO-8601 strings, structured values JSON text.
 */
export const idColumn = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true });
export const refColumn = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
export const instantColumn = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '24', isNullable: nullable });
export const stringColumn = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
export const textColumn = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
export const boolColumn = (name: string, defaultValue: boolean): TableColumnOptions => ({ name, type: 'boolean', default: defaultValue ? 'true' : 'false' });
export const intColumn = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });
