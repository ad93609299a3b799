import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127090000-create-contacts',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_contacts',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        legal_name: { type: DataTypes.STRING(200), allowNull: false },
        tax_id: { type: DataTypes.STRING(20), allowNull: true },
        address_line: { type: DataTypes.STRING(250), allowNull: false, defaultValue: '' },
        postal_code: { type: DataTypes.STRING(20), allowNull: false, defaultValue: '' },
        city: { type: DataTypes.STRING(100), allowNull: false, defaultValue: '' },
        province: { type: DataTypes.STRING(100), allowNull: false, defaultValue: '' },
        country_code: { type: DataTypes.STRING(2), allowNull: false },
        email: { type: DataTypes.STRING(254), allowNull: false, defaultValue: '' },
        additional_emails: { type: DataTypes.TEXT, allowNull: false },
        phone: { type: DataTypes.STRING(40), allowNull: false, defaultValue: '' },
        payment_terms_days: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        notes: { type: DataTypes.TEXT, allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    // One contact per tax ID: several NULLs are allowed (people without one), duplicates are not.
    await qi.addIndex('cuadra_contacts', ['tax_id'], { unique: true, name: 'cuadra_contacts_tax_id' });
    await qi.addIndex('cuadra_contacts', ['email'], { name: 'cuadra_contacts_email' });
    await qi.addIndex('cuadra_contacts', ['legal_name'], { name: 'cuadra_contacts_legal_name' });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_contacts');
  },
};
