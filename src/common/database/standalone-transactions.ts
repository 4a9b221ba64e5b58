import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource } from 'typeorm';
import { Transactions } from './transactions';

/**
 * Transactions on a data source outside Nest's container (scripts, benches, tests of the database
 * layer), carried by the same CLS transaction host the application uses.
 */
export function standaloneTransactions(dataSource: DataSource): Transactions {
  const adapter = new TransactionalAdapterTypeOrm({ dataSourceToken: DataSource });
  const options = {
    ...adapter.optionsFactory(dataSource),
    connectionName: undefined,
    enableTransactionProxy: false,
    defaultTxOptions: {},
    extraProviderTokens: [],
  };
  const host = new TransactionHost(options as never) as TransactionHost<TransactionalAdapterTypeOrm>;
  return new Transactions(dataSource, host);
}
