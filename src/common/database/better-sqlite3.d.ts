// The parts of better-sqlite3 12 this service uses (the package ships no types, @types is not installed).
declare module 'better-sqlite3' {
  namespace BetterSqlite3 {
    interface Statement {
      get(...params: unknown[]): unknown;
      all(...params: unknown[]): unknown[];
      /** Rows as arrays of values, in the order of `columns()`. */
      raw(toggle: boolean): Statement;
      columns(): { name: string }[];
    }
    interface Database {
      prepare(sql: string): Statement;
      close(): void;
    }
    interface Options {
      readonly?: boolean;
      fileMustExist?: boolean;
      timeout?: number;
    }
  }
  const BetterSqlite3: new (file: string, options?: BetterSqlite3.Options) => BetterSqlite3.Database;
  export default BetterSqlite3;
}
