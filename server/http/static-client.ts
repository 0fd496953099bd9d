/**
 * Serves the built client: hashed assets with long caching, and index.html for every other
 * GET that is not an API path (the client has its own router).
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

export function staticClient(clientDir: string): Router {
  const router = express.Router();
  const indexFile = path.join(clientDir, 'index.html');
  router.use(
    '/assets',
    express.static(path.join(clientDir, 'assets'), {
      immutable: true,
      maxAge: '1y',
      fallthrough: false,
    }),
  );
  router.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  router.get(/^\/(?!api\/|yjs\/|socket\.io\/|healthz).*/, (_req, res, next) => {
    if (!fs.existsSync(indexFile)) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}
