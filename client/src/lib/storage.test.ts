import { describe, expect, it } from 'vitest';
import { Limits } from '@shared/constants';
import {
  loadCachedMeeting,
  loadKnownMeetings,
  loadProfile,
  saveCachedMeeting,
  saveKnownMeetings,
} from './storage';
import { useMemoryLocalStorage } from '../../../tests/support/memory-local-storage';
import { PARTICIPANT_VIEW } from '../../../tests/support/meeting-view-fixture';

const items = useMemoryLocalStorage();

const view = PARTICIPANT_VIEW;

describe('the cached meeting view', () => {
  it('keeps the server’s limits', () => {
    saveCachedMeeting(view, view.id);
    expect(loadCachedMeeting(view.id)).toEqual(view);
  });

  it('a view cached before limits existed still opens, with the default limits', () => {
    const { limits: _limits, ...old } = view;
    items.set(`bantron:meeting:${view.id}`, JSON.stringify(old));
    expect(loadCachedMeeting(view.id)?.limits).toEqual({
      cardTextMax: Limits.cardTextMax,
      cardsPerBoardMax: Limits.cardsPerBoardMax,
    });
  });
});

describe('the known meetings and the profile', () => {
  const known = {
    id: 'meeting0001',
    title: 'Hội nghị',
    district: 'Huyện Mẫu',
    date: null,
    role: 'facilitator' as const,
    joinCode: 'QDH36N',
    observerToken: null,
    openedAt: 5,
  };

  it('reads back what was saved', () => {
    saveKnownMeetings([known]);
    expect(loadKnownMeetings()).toEqual([known]);
  });

  it('an entry from before district, date and the codes were kept gets their defaults', () => {
    const { district: _d, date: _date, joinCode: _j, observerToken: _o, ...old } = known;
    items.set('bantron:meetings', JSON.stringify([old]));
    expect(loadKnownMeetings()).toEqual([
      { ...old, district: '', date: null, joinCode: null, observerToken: null },
    ]);
  });

  it('a malformed list or profile is ignored, not trusted', () => {
    items.set('bantron:meetings', JSON.stringify([{ ...known, role: 'king' }]));
    expect(loadKnownMeetings()).toEqual([]);
    items.set('bantron:meetings', '{not json');
    expect(loadKnownMeetings()).toEqual([]);
    items.set('bantron:profile', JSON.stringify({ name: 'Lan' }));
    expect(loadProfile()).toBeNull();
    items.set('bantron:profile', JSON.stringify({ name: 'Lan', department: 'Y tế' }));
    expect(loadProfile()).toEqual({ name: 'Lan', department: 'Y tế' });
  });
});
