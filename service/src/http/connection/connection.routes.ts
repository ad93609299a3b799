import { Router } from 'express';

/** What the plugin's "Check connection" button calls: proves the secret and clocks agree. */
export function connectionRoutes({ version, now }: { version: string; now: () => Date }): Router {
  const router = Router();
  router.get('/connection', (req, res) => {
    res.json({ service: 'cuadra', version, time: now().toISOString(), user: req.user });
  });
  return router;
}
