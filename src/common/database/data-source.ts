import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/load-config';
import { buildDataSourceOptions } from './data-source-options';

/** For the TypeORM CLI (`npm run migration:run`); the application builds its own from the same options. */
export default new DataSource(buildDataSourceOptions(loadConfig().database));
