/**
 * The sample meeting's label. Invented figures must never pass for a real district's
 * (shared/domain.md): the sample carries this mark in its title, and every screen that shows
 * a title shows a "sample data" badge when the mark is there. Pure.
 */

/** Written into the title of every sample meeting; both languages, so either reader sees it. */
export const SAMPLE_TITLE_MARK = 'dữ liệu mẫu · sample data';

/** True when a meeting's title says it holds sample data (the mark, in either language). */
export function isSampleTitle(title: string): boolean {
  const t = title.toLocaleLowerCase('vi');
  return t.includes('dữ liệu mẫu') || t.includes('sample data');
}
