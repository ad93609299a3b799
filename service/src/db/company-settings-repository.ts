import type { CompanySettings, StoredCompanySettings } from '../domain/company/company-settings';
import type { ModelStatic } from 'sequelize';
import type { CompanySettingsRecord } from './models/company-settings.model';

const COMPANY_ROW_ID = 1;

export interface CompanySettingsRepository {
  find(): Promise<StoredCompanySettings | null>;
  save(settings: CompanySettings, updatedBy: number | null): Promise<StoredCompanySettings>;
}

function toStored(row: CompanySettingsRecord): StoredCompanySettings {
  return {
    configured: true,
    legal_name: row.legal_name,
    trade_name: row.trade_name,
    tax_id: row.tax_id,
    address_line: row.address_line,
    postal_code: row.postal_code,
    city: row.city,
    province: row.province,
    country_code: row.country_code,
    email: row.email,
    phone: row.phone,
    default_currency: row.default_currency,
    timezone: row.timezone,
    logo: row.logo,
    iban: row.iban ?? '',
    payment_terms: row.payment_terms ?? '',
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

export function createCompanySettingsRepository(model: ModelStatic<CompanySettingsRecord>): CompanySettingsRepository {
  return {
    async find() {
      const row = await model.findByPk(COMPANY_ROW_ID);
      return row ? toStored(row) : null;
    },
    async save(settings, updatedBy) {
      // upsert keeps the single row whether or not it exists yet, atomically on both dialects.
      await model.upsert({ id: COMPANY_ROW_ID, ...settings, updated_by: updatedBy });
      const row = await model.findByPk(COMPANY_ROW_ID, { rejectOnEmpty: true });
      return toStored(row);
    },
  };
}
