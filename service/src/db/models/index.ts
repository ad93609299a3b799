import type { Sequelize } from 'sequelize';
import { initCompanySettingsModel } from './company-settings.model';
import { initContactModel } from './contact.model';
import { initRequestNonceModel } from './request-nonce.model';

/** Registers every model on the instance; the models-vs-migrations test walks this list. */
export function initModels(sequelize: Sequelize) {
  return {
    CompanySettings: initCompanySettingsModel(sequelize),
    RequestNonce: initRequestNonceModel(sequelize),
    Contact: initContactModel(sequelize),
  };
}

export type Models = ReturnType<typeof initModels>;
