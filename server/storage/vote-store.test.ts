import { SqliteStorage } from './sqlite/sqlite-storage';
import { voteStoreContract } from './vote-store.contract';

voteStoreContract('sqlite', () => new SqliteStorage({ file: ':memory:' }));
