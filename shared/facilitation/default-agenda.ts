/**
 * The agenda a new meeting starts with: the steps of a district planning roundtable
 * (docs: shared/domain.md), in Vietnamese, each with a planned duration. All of it is
 * editable afterwards. Pure data; the server gives each step an id when it stores it.
 */

/** Which board a default step works on: the district-wide board, or none. */
export type DefaultStepBoard = 'district' | null;

export interface DefaultAgendaStep {
  title: string;
  minutes: number;
  board: DefaultStepBoard;
}

export const DEFAULT_AGENDA: readonly DefaultAgendaStep[] = [
  { title: 'Khai mạc, giới thiệu thành phần và mục đích', minutes: 10, board: null },
  { title: 'Đánh giá thực hiện kế hoạch năm trước', minutes: 30, board: null },
  // Each department works on its own board: the step has no single board.
  { title: 'Phân tích SWOT theo ngành', minutes: 40, board: null },
  { title: 'Tổng hợp SWOT toàn huyện', minutes: 30, board: 'district' },
  { title: 'Xác định danh sách ưu tiên', minutes: 30, board: null },
  { title: 'Dự báo chỉ tiêu phát triển chủ yếu', minutes: 30, board: null },
  { title: 'Kết luận', minutes: 15, board: null },
];
