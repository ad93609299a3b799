import { Router } from 'express';
import type { NotificationSummaryService } from '../../services/notifications/notification-summary-service';
import { ANY_CUADRA_CAPABILITY, requireCapability } from '../auth/capabilities';

export function notificationsRoutes({ notifications }: { notifications: NotificationSummaryService }): Router {
  const router = Router();
  router.get('/notifications/summary', requireCapability(...ANY_CUADRA_CAPABILITY), async (_req, res) => {
    res.json(await notifications.summary(10));
  });
  return router;
}
