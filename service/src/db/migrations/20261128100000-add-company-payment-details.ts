import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261128100000-add-company-payment-details',
  async up({ context: qi }) {
    // Where customers pay (printed on every invoice) and the usual terms.
    await qi.addColumn('cuadra_settings', 'iban', { type: DataTypes.STRING(34), allowNull: false, defaultValue: '' });
    await qi.addColumn('cuadra_settings', 'payment_terms', { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' });
  },
  async down({ context: qi }) {
    await qi.removeColumn('cuadra_settings', 'payment_terms');
    await qi.removeColumn('cuadra_settings', 'iban');
  },
};
