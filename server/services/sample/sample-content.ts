/**
 * What the sample meeting holds: invented, plausible content for a mountainous district, so
 * someone can try every board in a minute. Every figure here is made up; the meeting's title
 * and badge say so (shared/sample/sample-meeting.ts). Pure data.
 */
import type { Quadrant } from '@shared/doc/swot-board';

export const SAMPLE_DISTRICT = 'Huyện Mẫu';

export const SAMPLE_DEPARTMENTS = [
  'Phòng Tài chính - Kế hoạch',
  'Phòng Nông nghiệp và PTNT',
  'Phòng Y tế',
] as const;

/** Delegates who "wrote" the sample, one per department (index into SAMPLE_DEPARTMENTS). */
export const SAMPLE_DELEGATES = [
  { name: 'Nguyễn Văn An (mẫu)', department: 0 },
  { name: 'Lò Thị Bình (mẫu)', department: 1 },
  { name: 'Trần Đức Cường (mẫu)', department: 2 },
] as const;

/** SWOT cards: on the district board (board: null) or a department's board, by delegate. */
export const SAMPLE_CARDS: readonly {
  board: 'district' | 0 | 1 | 2;
  delegate: 0 | 1 | 2;
  quadrant: Quadrant;
  text: string;
}[] = [
  {
    board: 'district',
    delegate: 0,
    quadrant: 'strengths',
    text: 'Hệ thống giao thông liên xã đã được cứng hóa phần lớn',
  },
  {
    board: 'district',
    delegate: 1,
    quadrant: 'strengths',
    text: 'Diện tích rừng lớn, độ che phủ cao',
  },
  {
    board: 'district',
    delegate: 2,
    quadrant: 'weaknesses',
    text: 'Thiếu bác sĩ ở các trạm y tế xã vùng cao',
  },
  {
    board: 'district',
    delegate: 0,
    quadrant: 'weaknesses',
    text: 'Thu ngân sách trên địa bàn còn thấp, phụ thuộc trợ cấp',
  },
  {
    board: 'district',
    delegate: 1,
    quadrant: 'opportunities',
    text: 'Chương trình mục tiêu quốc gia hỗ trợ vùng đồng bào dân tộc thiểu số',
  },
  {
    board: 'district',
    delegate: 0,
    quadrant: 'opportunities',
    text: 'Du lịch cộng đồng gắn với cảnh quan và văn hóa bản địa',
  },
  {
    board: 'district',
    delegate: 1,
    quadrant: 'threats',
    text: 'Thách thức: sạt lở đất và lũ quét trong mùa mưa',
  },
  {
    board: 'district',
    delegate: 2,
    quadrant: 'threats',
    text: 'Thách thức: lao động trẻ đi làm ăn xa',
  },
  { board: 1, delegate: 1, quadrant: 'strengths', text: 'Vùng chè Shan tuyết có thương hiệu' },
  {
    board: 1,
    delegate: 1,
    quadrant: 'weaknesses',
    text: 'Sản xuất nhỏ lẻ, thiếu liên kết tiêu thụ',
  },
  { board: 1, delegate: 1, quadrant: 'threats', text: 'Dịch bệnh trên đàn gia súc' },
  { board: 2, delegate: 2, quadrant: 'strengths', text: 'Tất cả các xã có trạm y tế' },
  {
    board: 2,
    delegate: 2,
    quadrant: 'opportunities',
    text: 'Đề án đưa bác sĩ trẻ về vùng khó khăn',
  },
];

/** The priority list's items (cost in VND), proposed by a delegate each. */
export const SAMPLE_PRIORITIES: readonly {
  delegate: 0 | 1 | 2;
  title: string;
  description: string;
  cost: number;
}[] = [
  {
    delegate: 2,
    title: 'Nâng cấp 5 trạm y tế xã vùng cao',
    description: 'Trang thiết bị và nhà công vụ cho bác sĩ',
    cost: 12_000_000_000,
  },
  {
    delegate: 1,
    title: 'Kè chống sạt lở suối Nậm Mẫu',
    description: 'Bảo vệ khu dân cư hai bên suối',
    cost: 25_000_000_000,
  },
  {
    delegate: 1,
    title: 'Liên kết tiêu thụ chè Shan tuyết',
    description: 'Hỗ trợ hợp tác xã, chứng nhận và bao bì',
    cost: 3_500_000_000,
  },
  {
    delegate: 0,
    title: 'Đường đến trung tâm xã Mẫu Sơn',
    description: 'Cứng hóa 8 km đường',
    cost: 40_000_000_000,
  },
];

/** Each delegate's dots in the finished vote (three dots each, by item index). */
export const SAMPLE_DOTS: readonly (readonly number[])[] = [
  [0, 3, 3],
  [1, 1, 2],
  [0, 0, 1],
];

/**
 * Indicator rows: five past years of actuals ending last year, last year's plan and the
 * plan year's target, as typed in Vietnamese. Invented, plausible figures.
 */
export const SAMPLE_INDICATORS: readonly {
  delegate: 0 | 1 | 2;
  name: string;
  unit: string;
  higherIsBetter: boolean;
  actuals: readonly string[];
  plan: string;
  target: string;
}[] = [
  {
    delegate: 0,
    name: 'Thu nhập bình quân đầu người',
    unit: 'triệu đồng/người/năm',
    higherIsBetter: true,
    actuals: ['28,5', '30,1', '32,4', '35', '37,8'],
    plan: '38',
    target: '41',
  },
  {
    delegate: 0,
    name: 'Tỷ lệ hộ nghèo',
    unit: '%',
    higherIsBetter: false,
    actuals: ['32,1', '29,4', '26,8', '24,0', '21,5'],
    plan: '21',
    target: '18,5',
  },
  {
    delegate: 1,
    name: 'Tổng sản lượng lương thực có hạt',
    unit: 'tấn',
    higherIsBetter: true,
    actuals: ['41200', '42050', '41800', '43100', '44020'],
    plan: '44500',
    target: '45200',
  },
  {
    delegate: 1,
    name: 'Tỷ lệ che phủ rừng',
    unit: '%',
    higherIsBetter: true,
    actuals: ['55,2', '56', '56,9', '57,4', '58,1'],
    plan: '58',
    target: '58,8',
  },
  {
    delegate: 2,
    name: 'Tỷ lệ hộ dùng nước hợp vệ sinh',
    unit: '%',
    higherIsBetter: true,
    actuals: ['78', '81', '84,5', '86', '88,2'],
    plan: '90',
    target: '91',
  },
];
