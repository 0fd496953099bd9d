/**
 * Serves the built client: hashed assets with long caching, and index.html for every other
 * GET that is not an API path (the client has its own router). Text files are sent from the
 * .br/.gz copies the build writes (scripts/compress-client.mjs) when the browser accepts them.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { JoinCode } from '@shared/schemas/http';

const ENCODINGS = [
  { name: 'br', ext: '.br' },
  { name: 'gzip', ext: '.gz' },
] as const;

/** Sends `file` (under `root`) precompressed when a copy exists and the browser accepts it. */
function sendPrecompressed(root: string, cacheControl: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let rel: string;
    try {
      rel = path.normalize(decodeURIComponent(req.path));
    } catch {
      return next();
    }
    const file = path.join(root, rel);
    if (!file.startsWith(root + path.sep)) return next();
    const accepted = req.get('accept-encoding') ?? '';
    for (const encoding of ENCODINGS) {
      if (!accepted.includes(encoding.name) || !fs.existsSync(file + encoding.ext)) continue;
      res.setHeader('Content-Encoding', encoding.name);
      res.setHeader('Vary', 'Accept-Encoding');
      res.setHeader('Cache-Control', cacheControl);
      res.type(path.extname(file));
      res.sendFile(file + encoding.ext, { lastModified: true }, (err) => {
        if (err) next(err);
      });
      return;
    }
    next();
  };
}

/** The `<meta>` a page reads to open its meeting socket on WebSocket alone (docs/deploy.md). */
export const WEBSOCKET_ONLY_META = '<meta name="bantron-socket-transports" content="websocket">';

/**
 * The preload of a join link's meeting preview (`GET /api/join/<code>`, the request the join
 * page makes first). The browser starts it with the page's scripts instead of after them: one
 * round trip fewer in series for a new participant on a weak link. The code is normalised as
 * the client does, so the preload and the page's fetch share a URL. Null for a bad code.
 */
function joinPreload(rawCode: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawCode);
  } catch {
    return null;
  }
  const code = JoinCode.safeParse(decoded);
  if (!code.success) return null;
  return `<link rel="preload" as="fetch" crossorigin href="/api/join/${encodeURIComponent(code.data)}">`;
}

/** index.html with what this server adds to its head for this request. */
export function pageHtml(html: string, add: readonly (string | null)[]): string {
  const tags = add.filter((t): t is string => t !== null);
  if (tags.length === 0) return html;
  return html.replace('</head>', `${tags.map((t) => `  ${t}\n`).join('')}  </head>`);
}

export interface StaticClientOptions {
  /** Several instances share the meetings: the page's meeting socket must not long-poll. */
  websocketOnly?: boolean;
}

export function staticClient(clientDir: string, options: StaticClientOptions = {}): Router {
  const router = express.Router();
  const indexFile = path.join(clientDir, 'index.html');
  const assetsDir = path.join(clientDir, 'assets');
  const transportMeta = options.websocketOnly ? WEBSOCKET_ONLY_META : null;
  const sendPage = (res: Response, next: NextFunction, extra: string | null): void => {
    fs.readFile(indexFile, 'utf8', (err, html) => {
      if (err) {
        next();
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.type('html').send(pageHtml(html, [transportMeta, extra]));
    });
  };
  router.use('/assets', sendPrecompressed(assetsDir, 'public, max-age=31536000, immutable'));
  router.use(
    '/assets',
    express.static(assetsDir, { immutable: true, maxAge: '1y', fallthrough: false }),
  );
  // The service worker's shell is /index.html: the same page as every route, head included.
  router.get('/index.html', (_req, res, next) => sendPage(res, next, null));
  router.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  router.get(/^\/join\/([^/]+)\/?$/, (req, res, next) => {
    sendPage(res, next, joinPreload(String(req.params[0])));
  });
  router.get(/^\/(?!api\/|yjs\/|socket\.io\/|healthz).*/, (_req, res, next) => {
    sendPage(res, next, null);
  });
  return router;
}
