import { Router } from 'express';
import { databaseUnavailable } from '../error-middleware';

export interface DatabaseProbe {
  /** Migrations done and the last check reached the database. */
  isReady(): boolean;
  /** Reaches the database now; throws when it cannot. */
  ping(): Promise<void>;
}

export function healthRoutes({ database }: { database: DatabaseProbe }): Router {
  const router = Router();
  // Liveness: the process answers. Never touches the database, so orchestrators don't restart us for a DB outage.
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    if (!database.isReady()) throw databaseUnavailable();
    try {
      await database.ping();
    } catch {
      throw databaseUnavailable();
    }
    res.json({ status: 'ready' });
  });
  return router;
}
