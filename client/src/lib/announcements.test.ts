import { describe, expect, it } from 'vitest';
import {
  RateLimitedAnnouncer,
  summarise,
  type AnnouncerClock,
  type ChangeSummary,
} from './announcements';

/** A clock the test moves by hand: timers run when their time is reached. */
function manualClock() {
  let t = 0;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let ids = 0;
  const clock: AnnouncerClock = {
    now: () => t,
    setTimer: (run, ms) => {
      const id = ++ids;
      timers.push({ at: t + ms, run, id });
      return id;
    },
    clearTimer: (id) => {
      timers = timers.filter((x) => x.id !== id);
    },
  };
  const advance = (ms: number) => {
    const end = t + ms;
    for (;;) {
      const next = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      timers = timers.filter((x) => x !== next);
      t = next.at;
      next.run();
    }
    t = end;
  };
  return { clock, advance };
}

describe('summarise', () => {
  it('counts changes and additions and names the people known, once each', () => {
    expect(
      summarise([
        { change: 'added', who: 'Chị Lan' },
        { change: 'edited', who: null },
        { change: 'added', who: 'Anh Minh' },
        { change: 'added', who: 'Chị Lan' },
      ]),
    ).toEqual({ total: 4, added: 3, people: ['Chị Lan', 'Anh Minh'] });
  });
});

describe('RateLimitedAnnouncer', () => {
  it('folds a burst into one announcement, then at most one per interval', () => {
    const { clock, advance } = manualClock();
    const said: ChangeSummary[] = [];
    const a = new RateLimitedAnnouncer({
      intervalMs: 8000,
      settleMs: 1500,
      announce: (s) => said.push(s),
      clock,
    });

    for (let i = 0; i < 20; i++) a.note({ change: 'added', who: 'Chị Lan' });
    advance(1499);
    expect(said).toHaveLength(0);
    advance(1);
    expect(said).toEqual([{ total: 20, added: 20, people: ['Chị Lan'] }]);

    // More changes right after: held until the interval has passed since the last one.
    a.note({ change: 'edited', who: null });
    advance(5000);
    a.note({ change: 'removed', who: null });
    advance(2999);
    expect(said).toHaveLength(1);
    advance(1);
    expect(said).toHaveLength(2);
    expect(said[1]).toEqual({ total: 2, added: 0, people: [] });

    // Quiet, then one change: announced after the settle time only.
    advance(60_000);
    a.note({ change: 'added', who: 'Anh Minh' });
    advance(1500);
    expect(said).toHaveLength(3);
  });

  it('says nothing of what was pending once disposed', () => {
    const { clock, advance } = manualClock();
    const said: ChangeSummary[] = [];
    const a = new RateLimitedAnnouncer({
      intervalMs: 8000,
      settleMs: 1500,
      announce: (s) => said.push(s),
      clock,
    });
    a.note({ change: 'added', who: 'Chị Lan' });
    a.dispose();
    advance(10_000);
    expect(said).toEqual([]);
  });
});
