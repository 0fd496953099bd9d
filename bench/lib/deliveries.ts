/**
 * Accounting of deliveries: which receiver saw which edit, when. An edit is expected at
 * every other client of its board; it is observed once a receiver finds its marker. Seen
 * flags are kept per receiver, so a duplicate is told apart from a second edit and the
 * count of lost deliveries is exact.
 */
import { nowUs } from './markers';
import { Samples } from './stats';

export class DeliveryTracker {
  /** Deliveries of timed edits expected so far (grows as edits are sent). */
  expected = 0;
  observed = 0;
  duplicates = 0;
  /** Own edits that came back (the reference server echoes updates to their sender). */
  echoes = 0;
  /** Markers that did not belong to any edit of this run (should stay 0). */
  strays = 0;
  /** Arrival time (µs) of the latest first delivery. */
  lastArrivalUs = 0;
  readonly all = new Samples();
  readonly full = new Samples();
  readonly light = new Samples();
  /** Deliveries between clients on different server instances (scale-out), when classified. */
  readonly cross = new Samples();
  /** Cross-instance deliveries expected so far (grows as edits are sent). */
  crossExpected = 0;
  crossObserved = 0;
  private readonly seen: Uint8Array[];
  private readonly preludeSeen: Int32Array;
  private readonly stride: number;

  constructor(
    private readonly clients: number,
    /** Timed edits per client (sequence numbers 1..editsPerClient). */
    editsPerClient: number,
    private readonly isFull: (receiver: number) => boolean,
    /** Whether sender and receiver are on different server instances (scale-out only). */
    private readonly isCross: (sender: number, receiver: number) => boolean = () => false,
  ) {
    this.stride = editsPerClient + 1;
    this.seen = Array.from({ length: clients }, () => new Uint8Array(clients * this.stride));
    this.preludeSeen = new Int32Array(clients);
  }

  /** The marker visitor of `receiver`. */
  visitorFor(receiver: number): (sender: number, seq: number, sentUs: number) => void {
    return (sender, seq, sentUs) => this.record(receiver, sender, seq, sentUs);
  }

  record(receiver: number, sender: number, seq: number, sentUs: number): void {
    if (sender >= this.clients || seq >= this.stride) {
      this.strays++;
      return;
    }
    if (sender === receiver) {
      this.echoes++;
      return;
    }
    if (seq === 0) {
      this.preludeSeen[receiver] = (this.preludeSeen[receiver] ?? 0) + 1;
      return;
    }
    const seen = this.seen[receiver] as Uint8Array;
    const idx = sender * this.stride + seq;
    if (seen[idx] === 1) {
      this.duplicates++;
      return;
    }
    seen[idx] = 1;
    this.observed++;
    const now = nowUs();
    this.lastArrivalUs = now;
    const ms = (now - sentUs) / 1000;
    this.all.add(ms);
    (this.isFull(receiver) ? this.full : this.light).add(ms);
    if (this.isCross(sender, receiver)) {
      this.crossObserved++;
      this.cross.add(ms);
    }
  }

  get crossLost(): number {
    return this.crossExpected - this.crossObserved;
  }

  /** Prelude (card creation) edits `receiver` has seen from others. */
  preludeCount(receiver: number): number {
    return this.preludeSeen[receiver] ?? 0;
  }

  get lost(): number {
    return this.expected - this.observed;
  }
}
