/**
 * Who connects where. For our server a cohort is real meetings with real participants joined
 * through the public HTTP API (each client has its own participant token and is recorded as
 * the author of its edits); for the reference server, which has no notion of either, it is
 * just room names.
 */
import { io, type Socket } from 'socket.io-client';
import type { CardAuthor } from '@shared/doc/swot-board';
import type { ClientToServerEvents, ServerToClientEvents } from '@shared/schemas/socket';
import { ApiClient } from '../../tests/support/api';
import type { ServerHandle } from './servers';
import { inBatches } from './util';

export interface ClientSlot {
  /** Index of the client in the whole cohort (the marker's sender number). */
  index: number;
  /** Index of its board. */
  board: number;
  /** Index of the server instance it connects to (0 unless spread by `spreadOver`). */
  instance: number;
  /** Provider arguments: server URL, room, query parameters. */
  serverUrl: string;
  room: string;
  params: Record<string, string>;
  /** The same as one URL, for a raw socket. */
  url: string;
  author: CardAuthor;
  /** Ours only: meeting and participant token (for the Socket.io meeting channel). */
  meetingId?: string;
  token?: string;
}

export interface Cohort {
  boards: { id: string; slots: ClientSlot[] }[];
  slots: ClientSlot[];
}

const DEPARTMENTS = ['Phòng Y tế', 'Phòng Giáo dục và Đào tạo', 'Phòng Nông nghiệp và PTNT'];
/** Boards per meeting: the district board plus one per department. */
const BOARDS_PER_MEETING = DEPARTMENTS.length + 1;

function slotUrl(serverUrl: string, room: string, params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  return `${serverUrl}/${encodeURIComponent(room)}${query ? `?${query}` : ''}`;
}

/**
 * Spreads a cohort prepared on `servers[0]` over all of `servers` (instances sharing one
 * database), client i on instance i mod n, so that every board has clients on every
 * instance and most deliveries cross from one instance to another.
 */
export function spreadOver(cohort: Cohort, servers: ServerHandle[]): void {
  const first = servers[0];
  if (!first || servers.length < 2) return;
  for (const slot of cohort.slots) {
    const instance = slot.index % servers.length;
    const server = servers[instance] as ServerHandle;
    slot.instance = instance;
    slot.serverUrl = server.wsBase + slot.serverUrl.slice(first.wsBase.length);
    slot.url = slotUrl(slot.serverUrl, slot.room, slot.params);
  }
}

/** `boards` boards with `perBoard` writing clients each. */
export async function prepareCohort(
  server: ServerHandle,
  boards: number,
  perBoard: number,
): Promise<Cohort> {
  const cohort: Cohort = { boards: [], slots: [] };
  const addSlot = (
    board: number,
    slot: Omit<ClientSlot, 'index' | 'board' | 'url' | 'instance'>,
  ): void => {
    const full: ClientSlot = {
      ...slot,
      index: cohort.slots.length,
      board,
      instance: 0,
      url: slotUrl(slot.serverUrl, slot.room, slot.params),
    };
    cohort.slots.push(full);
    cohort.boards[board]?.slots.push(full);
  };

  if (server.target !== 'ours') {
    const run = Math.random().toString(36).slice(2, 8);
    for (let b = 0; b < boards; b++) {
      cohort.boards.push({ id: `bench-${run}-${b}`, slots: [] });
      for (let c = 0; c < perBoard; c++) {
        addSlot(b, {
          serverUrl: server.wsBase,
          room: `bench-${run}-${b}`,
          params: {},
          author: {
            id: `p${b}-${c}`,
            name: `Đại biểu ${c + 1}`,
            department: DEPARTMENTS[c % DEPARTMENTS.length] ?? '',
          },
        });
      }
    }
    return cohort;
  }

  const api = new ApiClient(server.httpUrl);
  const meetings = Math.ceil(boards / BOARDS_PER_MEETING);
  const created = await inBatches(meetings, 4, async (m) => {
    const meeting = await api.createMeeting({
      title: `Hội nghị đo hiệu năng ${m + 1}`,
      district: 'Huyện Mẫu',
      planYear: 2026,
      departments: DEPARTMENTS,
    });
    const view = await api.meeting(meeting.id, meeting.facilitatorToken);
    return { meeting, view };
  });
  for (let b = 0; b < boards; b++) {
    const m = created[Math.floor(b / BOARDS_PER_MEETING)];
    const board = m?.view.boards[b % BOARDS_PER_MEETING];
    if (!m || !board) throw new Error('meeting has fewer boards than expected');
    cohort.boards.push({ id: board.id, slots: [] });
  }
  const joins = await inBatches(boards * perBoard, 8, async (i) => {
    const b = Math.floor(i / perBoard);
    const m = created[Math.floor(b / BOARDS_PER_MEETING)];
    if (!m) throw new Error('no meeting');
    const department = DEPARTMENTS[i % DEPARTMENTS.length] as string;
    const name = `Đại biểu ${i + 1}`;
    const joined = await api.join({ joinCode: m.meeting.joinCode, name, department });
    return { joined, name, department };
  });
  joins.forEach(({ joined, name, department }, i) => {
    const b = Math.floor(i / perBoard);
    const boardId = cohort.boards[b]?.id as string;
    addSlot(b, {
      serverUrl: `${server.wsBase}/yjs`,
      room: boardId,
      params: { token: joined.token },
      author: { id: joined.participantId, name, department },
      meetingId: joined.meetingId,
      token: joined.token,
    });
  });
  return cohort;
}

export type MeetingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens the Socket.io meeting channel for each slot, as the browser does next to its Yjs
 * socket (on the same instance, `servers[slot.instance]`), and announces presence on the
 * slot's board (acknowledged). Ours only.
 */
export async function openMeetingChannels(
  servers: ServerHandle[],
  slots: ClientSlot[],
  boardIdOf: (slot: ClientSlot) => string,
): Promise<MeetingSocket[]> {
  const sockets = await inBatches(slots.length, 16, async (i) => {
    const slot = slots[i] as ClientSlot;
    const server = servers[slot.instance] ?? servers[0];
    if (!server) throw new Error('no server for the meeting channel');
    const socket: MeetingSocket = io(server.httpUrl, {
      auth: { token: slot.token },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('meeting channel did not open')), 15_000);
      socket.once('state:snapshot', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('connect_error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5000);
      socket.emit('presence:set', { boardId: boardIdOf(slot), editingCardId: null }, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return socket;
  });
  return sockets;
}
