/**
 * Which stored update brought each piece of a document. Every stored update is decoded once;
 * its inserted structs are indexed by (client, clock) ranges and its delete set by the ranges
 * it deleted, so any Yjs item of a rebuilt document maps back to the stored update (and so
 * the participant and time) that created or deleted it.
 */
import * as Y from 'yjs';

interface Run {
  clock: number;
  end: number;
  row: number;
}

function findRun(runs: readonly Run[], clock: number): Run | undefined {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = runs[mid]!;
    if (clock < r.clock) hi = mid - 1;
    else if (clock >= r.end) lo = mid + 1;
    else return r;
  }
  return undefined;
}

export class UpdateIndex {
  private readonly inserts = new Map<number, Run[]>();
  private readonly deletes = new Map<number, Run[]>();
  /** Per client: the largest `end` among delete runs [0, i], to stop a backward scan early. */
  private readonly deleteReach = new Map<number, number[]>();
  private sorted = true;
  private deletesSorted = true;

  /** Indexes stored update number `row` (its position in the history). Unreadable: skipped. */
  add(row: number, update: Uint8Array): void {
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update);
    } catch {
      return;
    }
    for (const s of decoded.structs) {
      if (s.constructor === Y.Skip) continue;
      const list = this.inserts.get(s.id.client) ?? [];
      const last = list.at(-1);
      if (last && last.clock > s.id.clock) this.sorted = false;
      list.push({ clock: s.id.clock, end: s.id.clock + s.length, row });
      this.inserts.set(s.id.client, list);
    }
    decoded.ds.clients.forEach((items, client) => {
      const list = this.deletes.get(client) ?? [];
      for (const item of items) list.push({ clock: item.clock, end: item.clock + item.len, row });
      this.deletes.set(client, list);
      this.deletesSorted = false;
    });
  }

  private ensureSorted(): void {
    if (this.sorted) return;
    for (const list of this.inserts.values()) list.sort((a, b) => a.clock - b.clock);
    this.sorted = true;
  }

  /** The row that inserted (client, clock), or null when no stored update holds it. */
  rowOf(id: Y.ID): number | null {
    this.ensureSorted();
    const runs = this.inserts.get(id.client);
    return runs ? (findRun(runs, id.clock)?.row ?? null) : null;
  }

  private ensureDeletesSorted(): void {
    if (this.deletesSorted) return;
    for (const [client, list] of this.deletes) {
      list.sort((a, b) => a.clock - b.clock);
      let reach = 0;
      this.deleteReach.set(
        client,
        list.map((r) => (reach = Math.max(reach, r.end))),
      );
    }
    this.deletesSorted = true;
  }

  /** Rows below `limit` whose delete sets touch [clock, clock + len) of `client`. */
  deletersOf(client: number, clock: number, len: number, limit: number): number[] {
    this.ensureDeletesSorted();
    const runs = this.deletes.get(client);
    const reach = this.deleteReach.get(client);
    if (!runs || !reach) return [];
    // Runs starting before the range's end, scanned backwards until none can reach into it.
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid]!.clock < clock + len) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo - 1; i >= 0 && reach[i]! > clock; i--) {
      const r = runs[i]!;
      if (r.row < limit && clock < r.end) out.push(r.row);
    }
    return out;
  }
}
