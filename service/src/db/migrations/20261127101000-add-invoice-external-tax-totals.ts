import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127101000-add-invoice-external-tax-totals',
  async up({ context: qi }) {
    // Per-rate totals given from outside (a WooCommerce order) that the invoice must equal to the cent.
    await qi.addColumn('cuadra_invoices', 'external_tax_totals', { type: DataTypes.TEXT, allowNull: true });
  },
  async down({ context: qi }) {
    await qi.removeColumn('cuadra_invoices', 'external_tax_totals');
  },
};
