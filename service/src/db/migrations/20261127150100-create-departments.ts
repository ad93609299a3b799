import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

// Monday to Friday 09–14 and 15–18, read in the company time zone.
const SPANISH_OFFICE_HOURS = JSON.stringify({
  weekly_hours: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [
      day,
      [
        { start: '09:00', end: '14:00' },
        { start: '15:00', end: '18:00' },
      ],
    ]),
  ),
  holidays: [],
});

export const migration: Migration = {
  name: '20261127150100-create-departments',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_departments',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        name: { type: DataTypes.STRING(100), allowNull: false },
        colour: { type: DataTypes.STRING(7), allowNull: false },
        contact_user_id: { type: DataTypes.INTEGER, allowNull: true },
        contact_email: { type: DataTypes.STRING(254), allowNull: false, defaultValue: '' },
        is_default: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        business_hours: { type: DataTypes.TEXT, allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    // There is always a default department, so a form without one set never loses a submission.
    const now = new Date();
    await qi.bulkInsert('cuadra_departments', [
      {
        name: 'General',
        colour: '#2271b1',
        contact_user_id: null,
        contact_email: '',
        is_default: true,
        business_hours: SPANISH_OFFICE_HOURS,
        created_at: now,
        updated_at: now,
      },
    ]);
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_departments');
  },
};
