/**
 * The common key development indicators of a district (shared/domain.md), from which a new
 * meeting can start its indicators board: names, units, direction and the usual department,
 * and no values. Pure data.
 */
import type { NewRow, RowAuthor } from './indicators';

export interface IndicatorTemplate {
  /** Stable key; also the row id, so two people starting the same table at once converge. */
  key: string;
  name: string;
  unit: string;
  higherIsBetter: boolean;
  department: string;
}

export const DISTRICT_INDICATORS: readonly IndicatorTemplate[] = [
  {
    key: 'tpl_growth',
    name: 'Tốc độ tăng trưởng kinh tế',
    unit: '%',
    higherIsBetter: true,
    department: 'Phòng Tài chính - Kế hoạch',
  },
  {
    key: 'tpl_income',
    name: 'Thu nhập bình quân đầu người',
    unit: 'triệu đồng/người/năm',
    higherIsBetter: true,
    department: 'Phòng Tài chính - Kế hoạch',
  },
  {
    key: 'tpl_poverty',
    name: 'Tỷ lệ hộ nghèo',
    unit: '%',
    higherIsBetter: false,
    department: 'Phòng Lao động - TB và XH',
  },
  {
    key: 'tpl_food',
    name: 'Sản lượng lương thực có hạt',
    unit: 'tấn',
    higherIsBetter: true,
    department: 'Phòng Nông nghiệp và PTNT',
  },
  {
    key: 'tpl_forest',
    name: 'Tỷ lệ che phủ rừng',
    unit: '%',
    higherIsBetter: true,
    department: 'Phòng Nông nghiệp và PTNT',
  },
  {
    key: 'tpl_water',
    name: 'Tỷ lệ hộ dân được sử dụng nước sạch',
    unit: '%',
    higherIsBetter: true,
    department: 'Phòng Nông nghiệp và PTNT',
  },
  {
    key: 'tpl_revenue',
    name: 'Thu ngân sách nhà nước trên địa bàn',
    unit: 'triệu đồng',
    higherIsBetter: true,
    department: 'Phòng Tài chính - Kế hoạch',
  },
];

/**
 * The rows of the templates not yet in the table (`existing`: ids of rows present, deleted
 * ones included, so a deleted template row is not brought back behind the user's back).
 */
export function templateRows(
  author: RowAuthor,
  existing: ReadonlySet<string>,
  templates: readonly IndicatorTemplate[] = DISTRICT_INDICATORS,
): NewRow[] {
  return templates
    .filter((t) => !existing.has(t.key))
    .map((t) => ({
      id: t.key,
      template: t.key,
      author,
      name: t.name,
      unit: t.unit,
      higherIsBetter: t.higherIsBetter,
      department: t.department,
    }));
}
