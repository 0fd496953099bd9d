/**
 * The app's identity colours: one per participant (presence), per SWOT quadrant and per
 * department. The quadrant and department palettes are chosen so that every pair stays apart
 * for protanopia, deuteranopia and tritanopia too (colors.test.ts simulates them), and each
 * carries white or near-black text at WCAG AA. Colour is never the only signal: quadrants
 * always show their icon and label (QuadrantTag.vue), departments their initials (DeptBadge.vue).
 */
import type { Quadrant } from '@shared/doc/swot-board';

/**
 * A stable colour per participant, so the border that marks "Lan is editing this card" has
 * the same colour as Lan's dot in the presence bar. Every colour has at least 4.5:1 contrast
 * on white.
 */
const PALETTE = [
  '#b3261e',
  '#0b57d0',
  '#146c2e',
  '#8e24aa',
  '#a35200',
  '#00677f',
  '#c2185b',
  '#4a5a00',
  '#5b3cc4',
  '#7a4d00',
] as const;

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return Math.abs(h);
}

/** The colour of a participant id (a simple string hash into the palette). */
export function participantColor(participantId: string): string {
  return PALETTE[hash(participantId) % PALETTE.length] ?? PALETTE[0];
}

/** A quadrant's strong colour (border, heading text, tab) and its pale background. */
export interface QuadrantColors {
  color: string;
  bg: string;
}

/**
 * Green, vermilion, blue and reddish purple, darkened until text on white and on the tint
 * passes AA. Threats is purple rather than the usual brown: brown and red collapse into one
 * colour for deuteranopes. global.css mirrors these as --<quadrant> / --<quadrant>-bg (a test
 * keeps the two equal).
 */
export const QUADRANT_COLORS: Record<Quadrant, QuadrantColors> = {
  strengths: { color: '#0b6e44', bg: '#e7f2ed' },
  weaknesses: { color: '#b01d06', bg: '#f7e8e6' },
  opportunities: { color: '#0e47cf', bg: '#e7edfa' },
  threats: { color: '#a22889', bg: '#f6eaf3' },
};

/**
 * The same four hues, light, for the projector's black background (text contrast ≥ 6:1 on
 * black and on the cards' #1c1c1c).
 */
export const QUADRANT_COLORS_ON_DARK: Record<Quadrant, string> = {
  strengths: '#73faa7',
  weaknesses: '#f8734e',
  opportunities: '#3aa0f3',
  threats: '#d783af',
};

/**
 * Department colours, white text on each at ≥ 4.8:1. Eight are as many as stay apart for
 * colour-blind readers (ΔE ≥ 8 simulated); a ninth department reuses the first colour, so
 * the initials badge is what tells them apart.
 */
export const DEPARTMENT_COLORS = [
  '#9d4e11',
  '#453e0a',
  '#337d33',
  '#17533f',
  '#3a7694',
  '#45369a',
  '#730dbd',
  '#953070',
] as const;

/**
 * A department's colour: by its place in the meeting's list (so the first eight are all
 * different), or by a hash of its name when it is not in the list (an old card's department).
 */
export function departmentColor(department: string, departments: readonly string[]): string {
  const i = departments.indexOf(department);
  const n = i >= 0 ? i : hash(department);
  return DEPARTMENT_COLORS[n % DEPARTMENT_COLORS.length] ?? DEPARTMENT_COLORS[0];
}

/** Words that do not make a department's initials ("Phòng ... và ..."). */
const SKIP_WORDS = new Set(['phòng', 'ban', 'sở', 'và', 'the', 'of', 'and', 'department', '&']);

/**
 * Short initials for a department, as Vietnamese offices write them: "Phòng Giáo dục và Đào
 * tạo" → "GDĐT", "Phòng Nông nghiệp và PTNT" → "NNPTNT" (an all-capitals word is kept whole),
 * "Phòng Y tế" → "YT". At most six letters.
 */
export function departmentInitials(department: string): string {
  const words = department
    .split(/[\s\-–—,/().]+/)
    .filter((w) => w.length > 0 && !SKIP_WORDS.has(w.toLocaleLowerCase('vi')));
  const parts = words.map((w) =>
    w.length > 1 && w === w.toLocaleUpperCase('vi') ? w : w.charAt(0).toLocaleUpperCase('vi'),
  );
  const initials = parts.join('').slice(0, 6);
  return initials.length > 0 ? initials : department.slice(0, 2).toLocaleUpperCase('vi');
}
