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

/** The colour of a participant id (a simple string hash into the palette). */
export function participantColor(participantId: string): string {
  let hash = 0;
  for (let i = 0; i < participantId.length; i++) {
    hash = (hash * 31 + participantId.charCodeAt(i)) | 0;
  }
  return PALETTE[Math.abs(hash) % PALETTE.length] ?? PALETTE[0];
}
