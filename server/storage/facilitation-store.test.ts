import { runFacilitationStoreContract } from './facilitation-store.contract';
import { SqliteStorage } from './sqlite/sqlite-storage';

runFacilitationStoreContract(() => new SqliteStorage({ file: ':memory:' }));
