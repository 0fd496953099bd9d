/**
 * `GET /healthz`: 200 when storage answers, 503 otherwise. For load balancers and scripts.
 */
import { Router } from 'express';
import type { Storage } from '../../storage/storage';

export function healthRoutes(storage: Storage): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    try {
      await storage.ping();
      res.json({ ok: true, storage: storage.kind });
    } catch {
      res.status(503).json({ ok: false, storage: storage.kind });
    }
  });
  return router;
}
