/**
 * Reads a QR code served as SVG, as a phone camera would: the SVG's dark modules are drawn
 * into a bitmap, which jsQR (an independent decoder) reads. The SVG must be what the
 * `qrcode` package writes: a white background path, then one stroked path of horizontal runs
 * (`M x y` / `m dx dy` moves and `h n` runs, on the module rows' centre lines). Anything else
 * throws, so a change of the picture's format fails loudly instead of decoding nothing.
 */
import jsQR from 'jsqr';

/** The dark modules of the QR code in `svg`, as rows of booleans (quiet zone included). */
export function svgModules(svg: string): boolean[][] {
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  if (!viewBox || viewBox[1] !== viewBox[2]) throw new Error('QR SVG without a square viewBox');
  const size = Number(viewBox[1]);
  const stroke = /<path[^>]*stroke="[^"]+"[^>]*\sd="([^"]+)"/.exec(svg);
  if (!stroke) throw new Error('QR SVG without a stroked path');
  const modules = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  let x = 0;
  let y = 0;
  const commands = stroke[1]!.match(/[a-zA-Z][^a-zA-Z]*/g) ?? [];
  for (const command of commands) {
    const op = command[0]!;
    const args = command
      .slice(1)
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (op === 'M' || op === 'm') {
      const [dx, dy] = args as [number, number];
      x = op === 'M' ? dx : x + dx;
      y = op === 'M' ? dy : y + dy;
    } else if (op === 'h') {
      const [run] = args as [number];
      const row = Math.floor(y);
      for (let i = 0; i < run; i++) modules[row]![x + i] = true;
      x += run;
    } else {
      throw new Error(`QR SVG path command ${op} is not understood`);
    }
  }
  return modules;
}

/** Decodes the QR code in `svg`; throws when no code can be read. */
export function decodeQrSvg(svg: string, scale = 6): string {
  const modules = svgModules(svg);
  // Four modules of white around it, as the standard asks of a printed code.
  const quiet = 4;
  const side = (modules.length + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [r, row] of modules.entries()) {
    for (const [c, dark] of row.entries()) {
      if (!dark) continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const at = (((r + quiet) * scale + dy) * side + (c + quiet) * scale + dx) * 4;
          pixels[at] = pixels[at + 1] = pixels[at + 2] = 0;
        }
      }
    }
  }
  const code = jsQR(pixels, side, side);
  if (!code) throw new Error('no QR code could be read from the SVG');
  return code.data;
}
