/**
 * Words and formats of the exported record, in Vietnamese (the administrative layout of
 * Decree 30/2020/NĐ-CP) and English. The server renders exports itself, so these live
 * here rather than in the client's catalogues.
 */
import type { Quadrant } from '@shared/doc/swot-board';
import type { RecordAuthor } from '@shared/schemas/record';

export const EXPORT_LANGS = ['vi', 'en'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];

/** Times in the record are shown in the hall's time zone, whatever the server's. */
export const RECORD_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function exportLang(value: unknown): ExportLang {
  return value === 'en' ? 'en' : 'vi';
}

const VI = {
  nationalMotto: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  nationalSlogan: 'Độc lập - Tự do - Hạnh phúc',
  minutesTitle: 'BIÊN BẢN',
  number: 'Số',
  numberSuffix: '/BB-',
  startTime: 'Thời gian bắt đầu',
  endTime: 'Thời gian kết thúc',
  place: 'Địa điểm',
  attendance: 'Thành phần tham dự',
  present: 'Có mặt',
  absent: 'Vắng mặt',
  noDepartment: 'Không thuộc phòng ban',
  chair: 'Chủ trì',
  secretary: 'Thư ký',
  content: 'Nội dung',
  conclusions: 'Kết luận',
  noConclusions: '(chưa có kết luận)',
  closing: (end: string) =>
    `Hội nghị kết thúc vào lúc ${end}. Biên bản đã được đọc lại cho những người tham dự cùng nghe và thông qua.`,
  signSecretary: 'THƯ KÝ',
  signChair: 'CHỦ TRÌ',
  signHint: '(Ký, ghi rõ họ tên)',
  recipients: 'Nơi nhận:',
  recipientsLines: ['- Như thành phần tham dự;', '- Lưu: VT.'],
  dateLine: (place: string, d: Date) =>
    `${place || '...'}, ngày ${pad(d, 'day')} tháng ${pad(d, 'month')} năm ${pad(d, 'year')}`,
  meetingDetails: 'Thông tin hội nghị',
  district: 'Địa bàn',
  planYear: 'Năm kế hoạch',
  agenda: 'Chương trình',
  step: 'Bước',
  startedAt: 'Bắt đầu',
  endedAt: 'Kết thúc',
  minutes: 'phút',
  noAgenda: 'Chưa có chương trình nghị sự.',
  boards: 'Các bảng SWOT',
  quadrants: {
    strengths: 'Điểm mạnh',
    weaknesses: 'Điểm yếu',
    opportunities: 'Cơ hội',
    threats: 'Thách thức',
  } satisfies Record<Quadrant, string>,
  proposedBy: 'Đề xuất',
  edits: 'Chỉnh sửa',
  noCards: '(không có thẻ)',
  priorities: 'Danh sách ưu tiên và bỏ phiếu',
  noPriorities: 'Chưa có danh sách ưu tiên.',
  round: 'Vòng',
  item: 'Nội dung',
  total: 'Tổng',
  score: 'Điểm',
  rank: 'Thứ hạng',
  decision: 'Quyết định',
  indicators: 'Chỉ tiêu và dự báo',
  noIndicators: 'Chưa có bảng chỉ tiêu.',
  indicator: 'Chỉ tiêu',
  unit: 'Đơn vị',
  plan: 'Kế hoạch',
  actual: 'Thực hiện',
  target: 'Mục tiêu',
  forecast: 'Dự báo',
  method: 'Phương pháp',
  marks: 'Các mốc ghi nhận',
  server: 'máy chủ',
  department: 'Phòng ban',
  votes: 'Phiếu',
  voters: 'người bỏ phiếu',
  voterNames: 'Người bỏ phiếu',
  dotVote: 'Bỏ phiếu chấm điểm',
  scoring: 'Chấm điểm theo tiêu chí',
  criteria: 'Tiêu chí',
  spread: 'Độ phân tán (thấp nhất – cao nhất, độ lệch chuẩn)',
  cost: 'Kinh phí (VNĐ)',
  sources: 'Nguồn',
  description: 'Mô tả',
  proposals: 'Đề xuất của các xã',
  commune: 'Xã',
  sector: 'Ngành',
  unassigned: '(chưa giao ngành)',
  proposalsCount: (n: number) => `${n} đề xuất`,
  withoutCost: (n: number) => `${n} đề xuất chưa có kinh phí`,
  beneficiaries: 'Số người hưởng lợi',
  completion: '% hoàn thành',
  status: { met: 'Đạt', nearly: 'Gần đạt', missed: 'Không đạt' },
  gap: 'Chênh lệch so với mục tiêu',
  largeGap: 'Mục tiêu cách xa mọi dự báo',
  methods: {
    cagr: 'Tốc độ tăng bình quân',
    linear: 'Xu thế tuyến tính',
    exponential: 'Xu thế hàm mũ',
    holt: 'San bằng mũ Holt',
    'icor-growth': 'ICOR: tăng trưởng từ vốn đầu tư (%)',
    'icor-investment': 'ICOR: vốn đầu tư cần cho mục tiêu tăng trưởng',
  } as Record<string, string>,
  decidedBy: 'Xác nhận bởi',
  stepBoard: 'Bảng của bước',
  generatedAt: 'Xuất lúc',
};

type Labels = typeof VI;

const EN: Labels = {
  nationalMotto: 'SOCIALIST REPUBLIC OF VIETNAM',
  nationalSlogan: 'Independence - Freedom - Happiness',
  minutesTitle: 'MINUTES',
  number: 'No.',
  numberSuffix: '/BB-',
  startTime: 'Start time',
  endTime: 'End time',
  place: 'Place',
  attendance: 'Attendance',
  present: 'Present',
  absent: 'Absent',
  noDepartment: 'No department',
  chair: 'Chair',
  secretary: 'Secretary',
  content: 'Content',
  conclusions: 'Conclusions',
  noConclusions: '(no conclusions yet)',
  closing: (end: string) =>
    `The meeting ended at ${end}. These minutes were read out to those present and approved.`,
  signSecretary: 'SECRETARY',
  signChair: 'CHAIR',
  signHint: '(Signature and full name)',
  recipients: 'Distribution:',
  recipientsLines: ['- Those present;', '- Archive.'],
  dateLine: (place: string, d: Date) =>
    `${place || '...'}, ${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: RECORD_TIME_ZONE }).format(d)}`,
  meetingDetails: 'Meeting details',
  district: 'District',
  planYear: 'Plan year',
  agenda: 'Agenda',
  step: 'Step',
  startedAt: 'Started',
  endedAt: 'Ended',
  minutes: 'min',
  noAgenda: 'No agenda yet.',
  boards: 'SWOT boards',
  quadrants: {
    strengths: 'Strengths',
    weaknesses: 'Weaknesses',
    opportunities: 'Opportunities',
    threats: 'Threats',
  },
  proposedBy: 'Proposed by',
  edits: 'Edited by',
  noCards: '(no cards)',
  priorities: 'Priority lists and votes',
  noPriorities: 'No priority lists yet.',
  round: 'Round',
  item: 'Item',
  total: 'Total',
  score: 'Score',
  rank: 'Rank',
  decision: 'Decision',
  indicators: 'Indicators and forecasts',
  noIndicators: 'No indicator tables yet.',
  indicator: 'Indicator',
  unit: 'Unit',
  plan: 'Plan',
  actual: 'Actual',
  target: 'Target',
  forecast: 'Forecast',
  method: 'Method',
  marks: 'Marks',
  server: 'server',
  department: 'Department',
  votes: 'Votes',
  voters: 'voters',
  voterNames: 'Voters',
  dotVote: 'Dot vote',
  scoring: 'Scoring by criteria',
  criteria: 'Criteria',
  spread: 'Spread (lowest – highest, standard deviation)',
  cost: 'Cost (VND)',
  sources: 'Sources',
  description: 'Description',
  proposals: 'Commune proposals',
  commune: 'Commune',
  sector: 'Sector',
  unassigned: '(no sector yet)',
  proposalsCount: (n: number) => `${n} proposal${n === 1 ? '' : 's'}`,
  withoutCost: (n: number) => `${n} without a cost`,
  beneficiaries: 'Beneficiaries',
  completion: '% completion',
  status: { met: 'Met', nearly: 'Nearly met', missed: 'Missed' },
  gap: 'Gap to target',
  largeGap: 'The target is far from every forecast',
  methods: {
    cagr: 'Average growth rate',
    linear: 'Linear trend',
    exponential: 'Exponential trend',
    holt: "Holt's smoothing",
    'icor-growth': 'ICOR: growth the investment buys (%)',
    'icor-investment': 'ICOR: investment the target growth needs',
  },
  decidedBy: 'Confirmed by',
  stepBoard: 'Board of the step',
  generatedAt: 'Exported at',
};

function pad(d: Date, part: 'day' | 'month' | 'year'): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: RECORD_TIME_ZONE,
  }).formatToParts(d);
  return parts.find((p) => p.type === part)?.value ?? '';
}

export function labels(lang: ExportLang): Labels {
  return lang === 'en' ? EN : VI;
}

/** A moment as `HH:mm, dd/MM/yyyy` in the hall's time zone; '…' when unknown. */
export function formatTime(ms: number | null, lang: ExportLang): string {
  if (ms === null) return '…';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', {
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: RECORD_TIME_ZONE,
  }).format(new Date(ms));
}

/** "Name (Department)". */
export function authorLine(a: RecordAuthor, lang: ExportLang): string {
  if (a.participantId === null) return labels(lang).server;
  return a.department ? `${a.name} (${a.department})` : a.name;
}

/** A number in the language's format (grouping, at most `digits` decimals); '…' when unknown. */
export function formatNumber(n: number | null, lang: ExportLang, digits = 2): string {
  if (n === null) return '…';
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', {
    maximumFractionDigits: digits,
  }).format(n);
}

/** A forecasting method's name in the language. */
export function methodName(method: string, lang: ExportLang): string {
  return labels(lang).methods[method] ?? method;
}
