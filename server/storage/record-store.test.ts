import { onPostgres } from '../../tests/support/postgres-contract';
import { recordStoreContract } from './record-store.contract';
import { SqliteStorage } from './sqlite/sqlite-storage';

recordStoreContract('sqlite', () => new SqliteStorage({ file: ':memory:' }));
onPostgres('RecordStore contract', (open) => recordStoreContract('postgres', open));
