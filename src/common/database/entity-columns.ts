import { Column, PrimaryColumn } from 'typeorm';

/** Entity column decorators matching migration-columns.ts. */
export const IdColumn = () => PrimaryColumn({ type: 'varchar', length: 36 });
export const RefColumn = (nullable = false) => Column({ type: 'varchar', length: 36, nullable });
export const InstantColumn = (nullable = false) => Column({ type: 'varchar', length: 24, nullable });
export const StringColumn = (length: number, nullable = false) => Column({ type: 'varchar', length, nullable });
export const TextColumn = (nullable = false) => Column({ type: 'text', nullable });
export const BoolColumn = () => Column({ type: 'boolean' });
export const IntColumn = (nullable = false) => Column({ type: 'integer', nullable });
export const JsonColumn = (nullable = false) => Column({ type: 'simple-json', nullable });
