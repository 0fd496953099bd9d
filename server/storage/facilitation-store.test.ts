import { onPostgres } from '../../tests/support/postgres-contract';
import { runFacilitationStoreContract } from './facilitation-store.contract';
import { SqliteStorage } from './sqlite/sqlite-storage';

runFacilitationStoreContract(() => new SqliteStorage({ file: ':memory:' }));
onPostgres('FacilitationStore contract', (open) => runFacilitationStoreContract(open, 'postgres'));
