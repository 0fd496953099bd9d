/** The PostgreSQL adapter against the storage contract, each store on a database of its own. */
import { onPostgres } from '../../../tests/support/postgres-contract';
import { describeStorageContract } from '../storage.contract';

onPostgres('storage contract', (open) => describeStorageContract('postgres', open));
