import { DataTypes } from 'sequelize';
import { mediumText } from '../column-types';
import { dialectOf } from '../database';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127080100-create-settings',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_settings',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
        legal_name: { type: DataTypes.STRING(200), allowNull: false },
        trade_name: { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' },
        tax_id: { type: DataTypes.STRING(20), allowNull: false },
        address_line: { type: DataTypes.STRING(250), allowNull: false },
        postal_code: { type: DataTypes.STRING(20), allowNull: false },
        city: { type: DataTypes.STRING(100), allowNull: false },
        province: { type: DataTypes.STRING(100), allowNull: false, defaultValue: '' },
        country_code: { type: DataTypes.STRING(2), allowNull: false },
        email: { type: DataTypes.STRING(254), allowNull: false },
        phone: { type: DataTypes.STRING(40), allowNull: false, defaultValue: '' },
        default_currency: { type: DataTypes.STRING(3), allowNull: false },
        timezone: { type: DataTypes.STRING(64), allowNull: false },
        logo: { type: mediumText(dialectOf(qi.sequelize)), allowNull: true },
        updated_by: { type: DataTypes.BIGINT, allowNull: true },
        created_at: { type: DataTypes.DATE, allowNull: false },
        updated_at: { type: DataTypes.DATE, allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_settings');
  },
};
