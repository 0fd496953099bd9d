import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from './constants';
import { parseJoinCode } from './join-code';
import { JoinCode } from './schemas/http';

const good = JOIN_CODE_ALPHABET.slice(0, JOIN_CODE_LENGTH);

describe('parseJoinCode', () => {
  it('forgives case, spaces and dashes', () => {
    const typed = ` ${good.slice(0, 3).toLowerCase()}-${good.slice(3)} `;
    expect(parseJoinCode(typed)).toBe(good);
  });

  it('refuses a wrong length and characters that are never issued', () => {
    expect(parseJoinCode(good.slice(1))).toBeNull();
    expect(parseJoinCode(good + good[0])).toBeNull();
    const never = [...'0O1IL'].find((c) => !JOIN_CODE_ALPHABET.includes(c));
    expect(never).toBeDefined();
    expect(parseJoinCode(never! + good.slice(1))).toBeNull();
  });

  it('is the rule of the shared JoinCode schema', () => {
    for (const typed of [good, good.toLowerCase(), ` ${good} `, good.slice(1), `${good}!`, '']) {
      const parsed = JoinCode.safeParse(typed);
      expect(parsed.success ? parsed.data : null).toBe(parseJoinCode(typed));
    }
  });
});
