/**
 * Random identifiers. `crypto.randomUUID` exists only in secure contexts, and a meeting on
 * a hall's Wi-Fi is usually served over plain http://192.168.x.x, so ids are built from
 * `crypto.getRandomValues`, which works everywhere (browsers and Node 20).
 */

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A random string of `length` characters drawn uniformly from `alphabet`. */
export function randomString(length: number, alphabet: string = ID_ALPHABET): string {
  // Rejection sampling keeps the distribution uniform for alphabets that do not divide 256.
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    const bytes = new Uint8Array(length * 2);
    crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/** A 16-character id (about 95 bits): meetings, boards, participants, cards. */
export function randomId(): string {
  return randomString(16);
}

/** Ids are opaque strings of this shape; schemas use it to reject anything else early. */
export const ID_PATTERN = /^[0-9A-Za-z_-]{6,64}$/;
