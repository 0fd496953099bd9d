import { describe, expect, it } from 'vitest';
import { firstRunGuide, firstRunRole, showSetupGuide } from './first-run';

describe('firstRunGuide', () => {
  it.each([
    [{ role: 'facilitator', boards: 0, items: null }, 'facilitator-no-boards'],
    [{ role: 'participant', boards: 0, items: null }, 'participant-no-boards'],
    [{ role: 'observer', boards: 0, items: null }, 'observer-no-boards'],
    [{ role: 'facilitator', boards: 2, items: 0 }, 'facilitator-empty-board'],
    [{ role: 'participant', boards: 1, items: 0 }, 'participant-empty-board'],
    [{ role: 'participant', boards: 1, items: 3 }, null],
    // Still loading: say nothing rather than "empty" for a board that has cards.
    [{ role: 'participant', boards: 1, items: null }, null],
  ] as const)('%o → %s', (input, guide) => {
    expect(firstRunGuide(input)).toBe(guide);
  });
});

describe('firstRunRole', () => {
  it('puts facilitating before editing', () => {
    expect(firstRunRole({ facilitate: true, edit: true })).toBe('facilitator');
    expect(firstRunRole({ facilitate: false, edit: true })).toBe('participant');
    expect(firstRunRole({ facilitate: false, edit: false })).toBe('observer');
  });
});

describe('showSetupGuide', () => {
  const known = true;
  it('shows while there is no board, even if hidden before or started', () => {
    expect(showSetupGuide({ known, boards: 0, started: true, dismissed: true })).toBe(true);
  });

  it('shows in a new meeting (boards, not started) until hidden', () => {
    expect(showSetupGuide({ known, boards: 5, started: false, dismissed: false })).toBe(true);
    expect(showSetupGuide({ known, boards: 5, started: false, dismissed: true })).toBe(false);
  });

  it('goes away once the meeting has started', () => {
    expect(showSetupGuide({ known, boards: 5, started: true, dismissed: false })).toBe(false);
  });

  it('shows nothing before the room state is known', () => {
    expect(showSetupGuide({ known: false, boards: 0, started: false, dismissed: false })).toBe(
      false,
    );
  });
});
