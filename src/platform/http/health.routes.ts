import { Router } from 'express';

export interface ReadinessCheck {
  name: string;
  /** Resolves to a short non-personal status; `ok: false` makes the service not ready. */
  check(): Promise<{ ok: boolean; detail?: string }>;
}

async function runCheck(probe: ReadinessCheck, timeoutMs: number): Promise<{ name: string; ok: boolean; detail?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ ok: boolean; detail: string }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: 'timed out' }), timeoutMs);
  });
  try {
    return { name: probe.name, ...(await Promise.race([probe.check(), timeout])) };
  } catch (error) {
    return { name: probe.name, ok: false, detail: (error as Error).name };
  } finally {
    clearTimeout(timer);
  }
}

/** `/healthz`: the process answers. `/readyz`: every dependency answers; 503 otherwise, so a balancer stops routing here. */
export function createHealthRoutes(checks: () => ReadinessCheck[]): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(checks().map((probe) => runCheck(probe, 1500)));
    const ready = results.every((r) => r.ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: results });
  });
  return router;
}
