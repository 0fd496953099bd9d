/**
 * `GET /healthz`: 200 when storage (and, when scaled out, Redis) answers, 503 otherwise, with
 * which part failed. For load balancers and scripts.
 */
import { Router } from 'express';
import type { Storage } from '../../storage/storage';

/** Something the health check pings besides storage. */
export interface HealthProbe {
  ping(): Promise<void>;
}

export interface HealthOptions {
  /** Present when scale-out is on. */
  redis?: HealthProbe;
  /** This instance's id, so a balancer's log names the instance that failed. */
  instance?: string;
}

const up = async (probe: HealthProbe): Promise<boolean> => {
  try {
    await probe.ping();
    return true;
  } catch {
    return false;
  }
};

export function healthRoutes(storage: Storage, options: HealthOptions = {}): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const [storageUp, redisUp] = await Promise.all([
      up(storage),
      options.redis ? up(options.redis) : Promise.resolve(null),
    ]);
    const ok = storageUp && redisUp !== false;
    res.status(ok ? 200 : 503).json({
      ok,
      storage: storage.kind,
      ...(storageUp ? {} : { storageDown: true }),
      ...(redisUp === null ? {} : { redis: redisUp ? 'up' : 'down' }),
      ...(options.instance && redisUp !== null ? { instance: options.instance } : {}),
    });
  });
  return router;
}
