import { describe, expect, it } from 'vitest';
import { SqliteStorage } from '../storage/sqlite/sqlite-storage';
import { FacilitationService, defaultAgendaSteps } from './facilitation-service';
import { MeetingEvents } from './meeting-events';
import type { AuthContext } from './meeting-service';

const meetingId = 'meeting-1';
const facilitator: AuthContext = {
  meetingId,
  participantId: 'fac-1',
  role: 'facilitator',
  name: 'F',
  department: null,
};
const participant: AuthContext = {
  meetingId,
  participantId: 'par-1',
  role: 'participant',
  name: 'P',
  department: 'Phòng Y tế',
};

async function setup() {
  const storage = new SqliteStorage({ file: ':memory:' });
  await storage.createMeeting(
    {
      id: meetingId,
      title: 'T',
      date: null,
      district: '',
      planYear: null,
      departments: ['Phòng Y tế'],
      joinCode: 'ACDEFG',
      createdAt: 0,
    },
    [
      {
        id: 'fac-1',
        meetingId,
        role: 'facilitator',
        name: 'F',
        department: null,
        createdAt: 0,
        removedAt: null,
      },
      {
        id: 'par-1',
        meetingId,
        role: 'participant',
        name: 'P',
        department: 'Phòng Y tế',
        createdAt: 0,
        removedAt: null,
      },
    ],
    [
      {
        id: 'district',
        meetingId,
        kind: 'swot',
        title: 'Toàn huyện',
        department: null,
        locked: false,
        private: false,
        position: 0,
        createdAt: 0,
      },
    ],
  );
  const events = new MeetingEvents();
  const emitted: string[] = [];
  for (const name of [
    'agenda-changed',
    'timer-changed',
    'follow-changed',
    'hands-changed',
  ] as const)
    events.on(name, () => emitted.push(name));
  let now = 1_000_000;
  const service = new FacilitationService(storage, events, () => now);
  return { storage, service, emitted, tick: (ms: number) => (now += ms), now: () => now };
}

describe('defaultAgendaSteps', () => {
  it('has the seven steps of a roundtable, the district SWOT on the district board', async () => {
    const { storage } = await setup();
    const steps = defaultAgendaSteps(meetingId, await storage.listBoards(meetingId));
    expect(steps).toHaveLength(7);
    expect(steps.filter((s) => s.boardId !== null).map((s) => [s.position, s.boardId])).toEqual([
      [3, 'district'],
    ]);
  });
});

describe('FacilitationService timer', () => {
  it('is a deadline: start, pause keeps what is left, resume and add move the deadline', async () => {
    const { service, tick, now } = await setup();
    await service.startTimer(facilitator, 600);
    expect(await service.timer(meetingId)).toEqual({
      status: 'running',
      endsAt: now() + 600_000,
      remainingMs: null,
    });
    tick(100_000);
    await service.pauseTimer(facilitator);
    expect(await service.timer(meetingId)).toEqual({
      status: 'paused',
      endsAt: null,
      remainingMs: 500_000,
    });
    tick(3_600_000); // an hour of pause changes nothing
    await service.addToTimer(facilitator, 60);
    await service.resumeTimer(facilitator);
    expect(await service.timer(meetingId)).toEqual({
      status: 'running',
      endsAt: now() + 560_000,
      remainingMs: null,
    });
    // Past zero, "add a minute" gives a minute from now, not from the old deadline.
    tick(600_000);
    await service.addToTimer(facilitator, 60);
    expect((await service.timer(meetingId)).endsAt).toBe(now() + 60_000);
    await service.resetTimer(facilitator);
    expect(await service.timer(meetingId)).toEqual({
      status: 'idle',
      endsAt: null,
      remainingMs: null,
    });
  });

  it('refuses moves its state does not allow, and other roles', async () => {
    const { service } = await setup();
    await expect(service.pauseTimer(facilitator)).rejects.toMatchObject({
      code: 'timer_not_running',
    });
    await expect(service.resumeTimer(facilitator)).rejects.toMatchObject({
      code: 'timer_not_paused',
    });
    await expect(service.addToTimer(facilitator, 60)).rejects.toMatchObject({ code: 'timer_idle' });
    await expect(service.startTimer(participant, 60)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('FacilitationService agenda', () => {
  it('keeps the recorded times of steps it keeps, and refuses unknown steps and boards', async () => {
    const { service, storage, tick } = await setup();
    await storage.replaceAgenda(
      meetingId,
      defaultAgendaSteps(meetingId, await storage.listBoards(meetingId)),
    );
    const [first, second] = (await service.agenda(meetingId)).steps;
    await service.gotoStep(facilitator, first!.id);
    tick(60_000);
    await service.gotoStep(facilitator, second!.id);
    const agenda = await service.setAgenda(facilitator, {
      steps: [
        { id: second!.id, title: 'Đánh giá (sửa)', minutes: 20 },
        { id: first!.id, title: first!.title, minutes: 5 },
        { title: 'Bước mới', minutes: 10, boardId: 'district' },
      ],
    });
    expect(agenda.currentStepId).toBe(second!.id);
    expect(agenda.steps.map((s) => [s.title, s.startedAt !== null, s.endedAt !== null])).toEqual([
      ['Đánh giá (sửa)', true, false],
      [first!.title, true, true],
      ['Bước mới', false, false],
    ]);
    await expect(
      service.setAgenda(facilitator, { steps: [{ id: 'nosuchstep', title: 'x', minutes: 1 }] }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      service.setAgenda(facilitator, {
        steps: [{ title: 'x', minutes: 1, boardId: 'otherboard' }],
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.gotoStep(facilitator, 'nosuchstep')).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('FacilitationService hands', () => {
  it('queues participants only, and announces each change once', async () => {
    const { service, emitted } = await setup();
    await expect(service.raiseHand(facilitator)).rejects.toMatchObject({ code: 'forbidden' });
    await service.raiseHand(participant);
    await service.raiseHand(participant);
    expect(await service.hands(meetingId)).toMatchObject([
      { participantId: 'par-1', name: 'P', department: 'Phòng Y tế' },
    ]);
    await service.clearHand(facilitator, 'par-1');
    await service.lowerHand(participant);
    expect(await service.hands(meetingId)).toEqual([]);
    expect(emitted.filter((e) => e === 'hands-changed')).toHaveLength(2);
  });
});
