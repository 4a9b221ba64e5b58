import { Global, Module } from '@nestjs/common';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsModule } from 'nestjs-cls';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { runMigrationsExclusively } from './migrate';
import { oneStatementAtATime } from './one-statement-at-a-time';
import { readBesideTheWriter } from './sqlite-reader';
import { ReadStatements } from './read-statements';
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
    // Carries the open transaction through async calls, so repositories find it without a `manager` argument.
    // No per-request context: each transaction opens its own (TransactionHost runs it in `cls.run`), and a
    // request that writes nothing (most of them) does not pay for a context and its proxy resolution.
    ClsModule.forRoot({
      global: true,
      plugins: [new ClsPluginTransactional({ adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }) })],
    }),
  ],
  providers: [Transactions, ReadStatements],
  exports: [Transactions, ReadStatements],
})
export class DatabaseModule {}
