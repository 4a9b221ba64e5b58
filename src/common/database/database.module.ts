import { Global, Module } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { runMigrationsExclusively } from './migrate';
import { oneStatementAtATime } from './one-statement-at-a-time';
import { readBesideTheWriter } from './sqlite-reader';
import { ReadStatements } from './read-statements';
import { transactionHostFor } from './standalone-transactions';
import { Transactions } from './transactions';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => buildDataSourceOptions(config.database),
      // Migrations run before anything else touches the database, on every start.
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        oneStatementAtATime(dataSource);
        await runMigrationsExclusively(dataSource);
        readBesideTheWriter(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [
    // Carries the open transaction through async calls, so repositories find it without a `manager` argument.
    { provide: TransactionHost, inject: [getDataSourceToken()], useFactory: transactionHostFor },
    Transactions,
    ReadStatements,
  ],
  exports: [Transactions, ReadStatements],
})
export class DatabaseModule {}
