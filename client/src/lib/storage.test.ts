import { describe, expect, it } from 'vitest';
import { Limits } from '@shared/constants';
import type { MeetingView } from '@shared/schemas/http';
import {
  loadCachedMeeting,
  loadKnownMeetings,
  loadProfile,
  saveCachedMeeting,
  saveKnownMeetings,
} from './storage';
import { useMemoryLocalStorage } from '../../../tests/support/memory-local-storage';

const items = useMemoryLocalStorage();

const view: MeetingView = {
  id: 'meeting0001',
  title: 'Hội nghị',
  date: null,
  district: 'Huyện Mẫu',
  planYear: null,
  departments: ['Phòng Y tế'],
  joinCode: null,
  boards: [],
  me: {
    participantId: 'person0001',
    role: 'participant',
    name: 'Chị Lan',
    department: 'Phòng Y tế',
  },
  createdAt: 1,
  limits: { cardTextMax: 300, cardsPerBoardMax: 25 },
};

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
