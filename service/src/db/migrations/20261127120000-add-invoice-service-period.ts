import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127120000-add-invoice-service-period',
  async up({ context: qi }) {
    // The period a recurring invoice bills, which differs from the day it is issued on.
    await qi.addColumn('cuadra_invoices', 'service_period_start', { type: DataTypes.STRING(10), allowNull: true });
    await qi.addColumn('cuadra_invoices', 'service_period_end', { type: DataTypes.STRING(10), allowNull: true });
  },
  async down({ context: qi }) {
    await qi.removeColumn('cuadra_invoices', 'service_period_end');
    await qi.removeColumn('cuadra_invoices', 'service_period_start');
  },
};
