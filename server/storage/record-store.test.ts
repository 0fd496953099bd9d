import { recordStoreContract } from './record-store.contract';
import { SqliteStorage } from './sqlite/sqlite-storage';

recordStoreContract('sqlite', () => new SqliteStorage({ file: ':memory:' }));
