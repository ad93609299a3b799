import { defaultCompanySettings, type CompanySettings, type StoredCompanySettings } from '../../domain/company/company-settings';
import type { CompanySettingsRepository } from '../../db/company-settings-repository';

export interface CompanySettingsServiceDeps {
  companySettings: CompanySettingsRepository;
  defaultTimezone: string;
}

export function createCompanySettingsService({ companySettings, defaultTimezone }: CompanySettingsServiceDeps) {
  return {
    async getCompanySettings(): Promise<StoredCompanySettings> {
      return (await companySettings.find()) ?? defaultCompanySettings(defaultTimezone);
    },
    async updateCompanySettings(settings: CompanySettings, updatedBy: number | null): Promise<StoredCompanySettings> {
      return companySettings.save(settings, updatedBy);
    },
  };
}

export type CompanySettingsService = ReturnType<typeof createCompanySettingsService>;
