import { describe, expect, it } from 'vitest';
import type { BoardInfo } from './schemas/http';
import { landingBoard } from './landing-board';

const board = (id: string, department: string | null, position: number): BoardInfo => ({
  id,
  kind: 'swot',
  title: `Bảng ${id}`,
  department,
  locked: false,
  position,
});

// Out of order on purpose: the rule sorts by position itself.
const boards = [board('yte', 'Phòng Y tế', 2), board('huyen', null, 0), board('gd', 'Phòng GD', 1)];

describe('landingBoard', () => {
  it.each([
    ['the department board', 'Phòng Y tế', null, 'yte'],
    ['the district-wide board without one', 'Phòng Tư pháp', null, 'huyen'],
    ['the district-wide board for no department', null, null, 'huyen'],
    ['the room board while follow-me is on', 'Phòng Y tế', { on: true, boardId: 'gd' }, 'gd'],
    [
      'the department board while follow-me is off',
      'Phòng Y tế',
      { on: false, boardId: 'gd' },
      'yte',
    ],
    [
      'the department board when follow-me names no board here',
      'Phòng Y tế',
      { on: true, boardId: 'elsewhere' },
      'yte',
    ],
  ] as const)('%s', (_name, department, follow, expected) => {
    expect(landingBoard(boards, department, follow)?.id).toBe(expected);
  });

  it('the first board when there is no district-wide one, and null without boards', () => {
    const departmental = [board('b', 'Phòng B', 5), board('a', 'Phòng A', 3)];
    expect(landingBoard(departmental, 'Phòng Tư pháp', null)?.id).toBe('a');
    expect(landingBoard([], 'Phòng Y tế', null)).toBeNull();
  });
});
