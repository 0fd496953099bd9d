import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DEPARTMENT_COLORS,
  QUADRANT_COLORS,
  QUADRANT_COLORS_ON_DARK,
  departmentColor,
  departmentInitials,
} from './colors';
import { contrastRatio, deltaE, parseHex, simulate, type Deficiency } from './color-vision';

const VISIONS: (Deficiency | 'normal')[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];

/** The smallest ΔE between any two colours of a palette, as seen with the given vision. */
function minDistance(colors: readonly string[], vision: Deficiency | 'normal'): number {
  const seen = colors.map((c) => (vision === 'normal' ? parseHex(c) : simulate(c, vision)));
  let min = Infinity;
  for (let i = 0; i < seen.length; i++)
    for (let j = i + 1; j < seen.length; j++) min = Math.min(min, deltaE(seen[i]!, seen[j]!));
  return min;
}

describe('color-vision helpers', () => {
  it('computes the WCAG contrast of black on white as 21 and of a colour on itself as 1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBeCloseTo(1, 5);
  });

  it('makes red and green nearly alike for a deuteranope but not for normal vision', () => {
    // The classic confusion pair: the simulation must bring them much closer together.
    const normal = deltaE(parseHex('#d62728'), parseHex('#2ca02c'));
    const deutan = deltaE(simulate('#d62728', 'deuteranopia'), simulate('#2ca02c', 'deuteranopia'));
    expect(deutan).toBeLessThan(normal / 2);
  });

  it('leaves greys unchanged', () => {
    for (const kind of ['protanopia', 'deuteranopia', 'tritanopia'] as const) {
      expect(deltaE(simulate('#808080', kind), parseHex('#808080'))).toBeLessThan(1);
    }
  });
});

describe('quadrant palette', () => {
  const strong = Object.values(QUADRANT_COLORS).map((q) => q.color);

  it.each(VISIONS)('keeps the four quadrants clearly apart with %s vision (ΔE ≥ 20)', (v) => {
    expect(minDistance(strong, v)).toBeGreaterThanOrEqual(20);
  });

  it('keeps the four tints apart from each other too', () => {
    const tints = Object.values(QUADRANT_COLORS).map((q) => q.bg);
    expect(minDistance(tints, 'normal')).toBeGreaterThanOrEqual(4);
  });

  it.each(Object.entries(QUADRANT_COLORS))(
    '%s: AA text contrast on white and on its tint',
    (_, q) => {
      expect(contrastRatio(q.color, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(q.color, q.bg)).toBeGreaterThanOrEqual(4.5);
      // Body text (--text) and secondary text (--muted) sit on the tint as well.
      expect(contrastRatio('#111418', q.bg)).toBeGreaterThanOrEqual(7);
      expect(contrastRatio('#3f4752', q.bg)).toBeGreaterThanOrEqual(4.5);
    },
  );

  it.each(VISIONS)('keeps the projector colours apart with %s vision (ΔE ≥ 20)', (v) => {
    expect(minDistance(Object.values(QUADRANT_COLORS_ON_DARK), v)).toBeGreaterThanOrEqual(20);
  });

  it.each(Object.entries(QUADRANT_COLORS_ON_DARK))(
    '%s on the projector: ≥ 6:1 on black and on a card',
    (_, c) => {
      expect(contrastRatio(c, '#000000')).toBeGreaterThanOrEqual(6);
      expect(contrastRatio(c, '#1c1c1c')).toBeGreaterThanOrEqual(6);
    },
  );

  it('is the palette global.css uses', () => {
    const css = readFileSync(
      fileURLToPath(new URL('../styles/global.css', import.meta.url)),
      'utf8',
    );
    for (const [name, q] of Object.entries(QUADRANT_COLORS)) {
      expect(css).toMatch(new RegExp(`--${name}:\\s*${q.color};`, 'i'));
      expect(css).toMatch(new RegExp(`--${name}-bg:\\s*${q.bg};`, 'i'));
    }
  });
});

describe('department palette', () => {
  it.each(VISIONS)('keeps the eight colours apart with %s vision', (v) => {
    expect(minDistance(DEPARTMENT_COLORS, v)).toBeGreaterThanOrEqual(v === 'normal' ? 25 : 8);
  });

  it.each(DEPARTMENT_COLORS)('%s carries white text at AA', (c) => {
    expect(contrastRatio(c, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('gives the first eight departments of a meeting eight different colours', () => {
    const list = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'];
    const colours = list.slice(0, 8).map((d) => departmentColor(d, list));
    expect(new Set(colours).size).toBe(8);
    expect(departmentColor('I', list)).toBe(colours[0]);
  });

  it('gives a department outside the list a stable colour', () => {
    expect(departmentColor('Phòng Y tế', [])).toBe(departmentColor('Phòng Y tế', ['x']));
  });
});

describe('departmentInitials', () => {
  it.each([
    ['Phòng Giáo dục và Đào tạo', 'GDĐT'],
    ['Phòng Y tế', 'YT'],
    ['Phòng Nông nghiệp và PTNT', 'NNPTNT'],
    ['Phòng Tài chính - Kế hoạch', 'TCKH'],
    ['Phòng Lao động - TB và XH', 'LĐTBXH'],
    ['Phòng Văn hóa và Thông tin', 'VHTT'],
    ['Department of Health', 'H'],
    ['Phòng', 'PH'],
  ])('%s → %s', (name, initials) => {
    expect(departmentInitials(name)).toBe(initials);
  });
});
