import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Limits } from '@shared/constants';
import type { MeetingView } from '@shared/schemas/http';
import { loadCachedMeeting, saveCachedMeeting } from './storage';

const items = new Map<string, string>();
beforeEach(() => {
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
});
afterEach(() => {
  items.clear();
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

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
