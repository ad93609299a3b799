import { Router } from 'express';
import type { CompanySettingsService } from '../../services/settings/company-settings-service';
import { ANY_CUADRA_CAPABILITY, CAPABILITIES, requireCapability } from '../auth/capabilities';
import { BadRequestError } from '../../errors';
import { parseInput } from '../validation';
import { companySettingsSchema } from './company-settings.schema';

export function settingsRoutes({ companySettings }: { companySettings: CompanySettingsService }): Router {
  const router = Router();

  router.get('/settings/company', requireCapability(...ANY_CUADRA_CAPABILITY), async (_req, res) => {
    res.json(await companySettings.getCompanySettings());
  });

  router.put('/settings/company', requireCapability(CAPABILITIES.manage), async (req, res) => {
    if (req.body === undefined || typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      throw new BadRequestError('Send the company settings as a JSON object.', 'BODY_REQUIRED');
    }
    const input = parseInput(companySettingsSchema, req.body);
    res.json(await companySettings.updateCompanySettings(input, req.user?.id ?? null));
  });

  return router;
}
