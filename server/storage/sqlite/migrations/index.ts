/**
 * SQLite schema migrations, applied in order by version and recorded in
 * `schema_migrations`. Add a file per change; never edit one that has shipped.
 */
import m001 from './001-init';
import m002 from './002-facilitation';
import m003 from './003-voting';
import m004 from './004-record';
import m005 from './005-snapshot-digest';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const sqliteMigrations: readonly Migration[] = [m001, m002, m003, m004, m005];
