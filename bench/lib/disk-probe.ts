/**
 * What one durable write costs on this machine right now: single-row inserts into a SQLite
 * database in WAL mode with `synchronous=FULL` (each commit fsyncs), as our server does for
 * every update, in a temporary directory beside the servers' data. Disk latency on a shared
 * or virtual disk varies from minute to minute; the run records it at its start and end so
 * the latency of our server can be read against it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { makeDataDir } from './servers';
import { percentiles, type Percentiles } from './stats';

export function probeDurableWrite(count = 200): Percentiles {
  const dir = makeDataDir('disk-probe');
  try {
    const db = new Database(path.join(dir, 'probe.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(
      'CREATE TABLE u (seq INTEGER PRIMARY KEY, board TEXT, author TEXT, at INTEGER, data BLOB)',
    );
    const insert = db.prepare('INSERT INTO u (board, author, at, data) VALUES (?, ?, ?, ?)');
    const payload = Buffer.alloc(64, 1);
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      insert.run('board', 'author', Date.now(), payload);
      times.push(performance.now() - t);
    }
    db.close();
    return percentiles(times);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
