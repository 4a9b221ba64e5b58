import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource } from 'typeorm';
import { Transactions } from './transactions';

/**
 * The CLS transaction host of a data source, built without ClsModule: its root module mounts a global guard
 * and interceptor on every route even when they do nothing (the interceptor cost each request an RxJS
 * pipeline), and each transaction opens its own CLS context anyway (`cls.run` in TransactionHost).
 */
export function transactionHostFor(dataSource: DataSource): TransactionHost<TransactionalAdapterTypeOrm> {
  const adapter = new TransactionalAdapterTypeOrm({ dataSourceToken: DataSource });
  const options = {
    ...adapter.optionsFactory(dataSource),
    connectionName: undefined,
    enableTransactionProxy: false,
    defaultTxOptions: {},
    extraProviderTokens: [],
  };
  return new TransactionHost(options as never) as TransactionHost<TransactionalAdapterTypeOrm>;
}

/** Transactions on a data source outside Nest's container (scripts, benches, tests of the database layer). */
export function standaloneTransactions(dataSource: DataSource): Transactions {
  return new Transactions(dataSource, transactionHostFor(dataSource));
}
