/**
 * The bold faces of Be Vietnam Pro (600, 700) are fetched after the first screen is usable,
 * not with the entry: on the hall's weak link their 70 KB would share the line with the join
 * request and the board's first sync. Until they arrive the browser draws bold from the 400
 * face (font-display: swap), then swaps.
 */
let requested = false;

function importBoldFonts(): void {
  void import('@client/styles/fonts-bold.css').catch(() => {
    // Offline without a cached copy: the synthesised bold stays, which is only cosmetic.
    requested = false;
  });
}

/**
 * Starts loading the bold faces once per page; later calls do nothing. Not before the
 * document's load event: a stylesheet added earlier holds that event back until it and its
 * fonts have arrived, so a board shown before the page's own files are in (the join answer
 * carries the board) would leave the page "still loading" a round trip longer, for faces
 * that are only cosmetic.
 */
export function loadBoldFonts(): void {
  if (requested) return;
  requested = true;
  if (document.readyState === 'complete') importBoldFonts();
  else window.addEventListener('load', importBoldFonts, { once: true });
}
