import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261128160000-add-store-kind',
  async up({ context: qi }) {
    // A store is read through its REST API ('woocommerce') or is this WordPress site, which pushes its orders ('same_site').
    await qi.addColumn('cuadra_stores', 'kind', { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'woocommerce' });
  },
  async down({ context: qi }) {
    await qi.removeColumn('cuadra_stores', 'kind');
  },
};
