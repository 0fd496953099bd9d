import { describe, expect, it } from 'vitest';
import type { ParticipantInfo } from '@shared/schemas/http';
import type { PresenceEntry } from '@shared/schemas/socket';
import {
  groupParticipants,
  hasUnknownParticipant,
  mergeParticipants,
  type ParticipantRow,
} from './participants';

const info = (
  participantId: string,
  name: string,
  department: string | null,
  role: ParticipantInfo['role'] = 'participant',
): ParticipantInfo => ({ participantId, name, department, role, createdAt: 1 });

const here = (
  participantId: string,
  name: string,
  department: string | null,
  role: PresenceEntry['role'] = 'participant',
): PresenceEntry => ({ participantId, name, department, role, boardId: null, editingCardId: null });

const row = (
  participantId: string,
  name: string,
  department: string | null,
  online = false,
  role: ParticipantRow['role'] = 'participant',
): ParticipantRow => ({ participantId, name, department, role, online });

describe('mergeParticipants', () => {
  it('marks people with a presence entry online and keeps the others offline', () => {
    const rows = mergeParticipants(
      [info('a', 'Chị Lan', 'Phòng Y tế'), info('b', 'Anh Minh', 'Phòng Y tế')],
      [here('b', 'Anh Minh', 'Phòng Y tế')],
    );
    expect(rows).toEqual([
      row('a', 'Chị Lan', 'Phòng Y tế'),
      row('b', 'Anh Minh', 'Phòng Y tế', true),
    ]);
  });

  it('prefers the live presence for name, department and role', () => {
    const rows = mergeParticipants(
      [info('a', 'Lan', 'Phòng Y tế')],
      [here('a', 'Chị Lan', 'Phòng Dân tộc', 'facilitator')],
    );
    expect(rows).toEqual([row('a', 'Chị Lan', 'Phòng Dân tộc', true, 'facilitator')]);
  });

  it('adds people who joined after the list was fetched, leaves observers and removed people out', () => {
    const rows = mergeParticipants(
      [info('a', 'Chị Lan', 'Phòng Y tế'), info('x', 'Removed', 'Phòng Y tế')],
      [
        here('n', 'Người mới', 'Phòng Dân tộc'),
        here('observer:s1', 'Máy chiếu', null, 'observer'),
        here('x', 'Removed', 'Phòng Y tế'),
      ],
      new Set(['x']),
    );
    expect(rows.map((r) => r.participantId)).toEqual(['a', 'n']);
  });
});

describe('hasUnknownParticipant', () => {
  it('is true only for a non-observer the list does not have', () => {
    const list = [info('a', 'A', null)];
    expect(hasUnknownParticipant(list, [here('a', 'A', null)])).toBe(false);
    expect(hasUnknownParticipant(list, [here('observer:1', 'O', null, 'observer')])).toBe(false);
    expect(hasUnknownParticipant(list, [here('b', 'B', null)])).toBe(true);
  });
});

describe('groupParticipants', () => {
  it('follows the meeting department order, puts people without a department last', () => {
    const groups = groupParticipants(
      [
        row('f', 'Người điều phối', null, true, 'facilitator'),
        row('a', 'Chị Lan', 'Phòng Y tế', true),
        row('b', 'Anh Minh', 'Phòng Giáo dục và Đào tạo'),
        row('c', 'Bà Hoa', 'Phòng Ngoài danh sách'),
      ],
      ['Phòng Y tế', 'Phòng Giáo dục và Đào tạo'],
    );
    expect(groups.map((g) => g.department)).toEqual([
      'Phòng Y tế',
      'Phòng Giáo dục và Đào tạo',
      'Phòng Ngoài danh sách',
      null,
    ]);
    expect(groups.map((g) => g.online)).toEqual([1, 0, 0, 1]);
  });

  it('lists facilitators first, then names in Vietnamese order', () => {
    const [group] = groupParticipants(
      [
        row('1', 'Đặng Văn Ba', 'Phòng Y tế'),
        row('2', 'Anh Tuấn', 'Phòng Y tế'),
        row('3', 'Vũ Thị Hà', 'Phòng Y tế', false, 'facilitator'),
        row('4', 'Dương An', 'Phòng Y tế'),
      ],
      ['Phòng Y tế'],
    );
    expect(group?.rows.map((r) => r.name)).toEqual([
      'Vũ Thị Hà',
      'Anh Tuấn',
      'Dương An',
      'Đặng Văn Ba',
    ]);
  });
});
