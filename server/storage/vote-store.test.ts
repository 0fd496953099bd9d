import { onPostgres } from '../../tests/support/postgres-contract';
import { SqliteStorage } from './sqlite/sqlite-storage';
import { voteStoreContract } from './vote-store.contract';

voteStoreContract('sqlite', () => new SqliteStorage({ file: ':memory:' }));
onPostgres('VoteStore contract', (open) => voteStoreContract('postgres', open));
