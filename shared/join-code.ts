/**
 * Join codes as people type them, without zod: the participant's first page needs this
 * synchronously, and zod must not be on that page (issue 14's bytes goal). The `JoinCode`
 * schema in schemas/http.ts is built from these functions, so the rule is defined once.
 */
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from './constants';

/** Case and spaces (and the dash of `ABC-123`) are forgiven: the code in canonical form. */
export function canonicalJoinCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

/** A canonical code of the right length, made only of issued characters (no look-alikes). */
export function isCanonicalJoinCode(code: string): boolean {
  return code.length === JOIN_CODE_LENGTH && [...code].every((c) => JOIN_CODE_ALPHABET.includes(c));
}

/** The code in canonical form, or null while it is not a well-formed code. */
export function parseJoinCode(typed: string): string | null {
  const code = canonicalJoinCode(typed);
  return isCanonicalJoinCode(code) ? code : null;
}
