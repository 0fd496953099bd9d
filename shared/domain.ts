/**
 * Domain vocabulary shared by client and server: roles, board kinds and the defaults a new
 * meeting starts with. Pure data, no side effects.
 */

/** Who a token speaks for. See docs/security.md. */
export const ROLES = ['facilitator', 'participant', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may change board content. Observers only read. */
export function canWrite(role: Role): boolean {
  return role === 'facilitator' || role === 'participant';
}

/** Roles that steer the meeting (boards, agenda, locks). */
export function canFacilitate(role: Role): boolean {
  return role === 'facilitator';
}

/**
 * Kinds of board. Each kind has its own document schema under `shared/doc/` (registered in
 * `shared/doc/kinds.ts`) and its own server policy.
 *   swot       the four-quadrant SWOT board (shared/doc/swot-board.ts)
 *   priority   a ranked priority list (shared/doc/priority-list.ts)
 *   proposals  commune proposals, phase 2 of district planning (shared/doc/commune-proposals.ts)
 *   indicators the indicator table: evaluation of last year's plan and forecasts (shared/doc/indicators.ts)
 */
export const BOARD_KINDS = ['swot', 'priority', 'proposals', 'indicators'] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];

/** The standard departments of a Vietnamese district (shared/domain.md), offered when a meeting is created. */
export const DEFAULT_DEPARTMENTS: readonly string[] = [
  'Phòng Tài chính - Kế hoạch',
  'Phòng Nông nghiệp và PTNT',
  'Phòng Giáo dục và Đào tạo',
  'Phòng Y tế',
  'Phòng Tài nguyên và Môi trường',
  'Phòng Lao động - TB và XH',
  'Phòng Văn hóa và Thông tin',
  'Phòng Kinh tế - Hạ tầng',
  'Phòng Dân tộc',
];

/** Display name of whoever creates a meeting, until they set their own. */
export const FACILITATOR_DEFAULT_NAME = 'Người điều phối';

/** Title of the district-wide board every meeting starts with. */
export const DISTRICT_BOARD_TITLE = 'Toàn huyện';

/** Title of a department's SWOT board. */
export function departmentBoardTitle(department: string): string {
  return `SWOT – ${department}`;
}
