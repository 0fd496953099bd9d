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
  it('shows while there is no board, even if hidden before', () => {
    expect(showSetupGuide({ boards: 0, agendaSteps: 3, dismissed: true })).toBe(true);
  });

  it('shows in a new meeting (boards but no agenda) until hidden', () => {
    expect(showSetupGuide({ boards: 5, agendaSteps: 0, dismissed: false })).toBe(true);
    expect(showSetupGuide({ boards: 5, agendaSteps: 0, dismissed: true })).toBe(false);
  });

  it('goes away once the agenda has a step', () => {
    expect(showSetupGuide({ boards: 5, agendaSteps: 1, dismissed: false })).toBe(false);
  });
});
