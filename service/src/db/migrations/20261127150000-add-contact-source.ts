import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127150000-add-contact-source',
  async up({ context: qi }) {
    // Contacts entered before forms existed were all entered as customers.
    await qi.addColumn('cuadra_contacts', 'source', { type: DataTypes.STRING(20), allowNull: false, defaultValue: 'billing' });
    await qi.addColumn('cuadra_contacts', 'created_from', { type: DataTypes.STRING(250), allowNull: false, defaultValue: '' });
  },
  async down({ context: qi }) {
    await qi.removeColumn('cuadra_contacts', 'created_from');
    await qi.removeColumn('cuadra_contacts', 'source');
  },
};
