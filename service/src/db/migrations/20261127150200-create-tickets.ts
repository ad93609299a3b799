import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127150200-create-tickets',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_tickets',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        contact_id: { type: DataTypes.INTEGER, allowNull: false },
        department_id: { type: DataTypes.INTEGER, allowNull: false },
        subject: { type: DataTypes.STRING(250), allowNull: false },
        status: { type: DataTypes.STRING(10), allowNull: false },
        priority: { type: DataTypes.STRING(10), allowNull: false },
        assignee_id: { type: DataTypes.INTEGER, allowNull: true },
        customer_email: { type: DataTypes.STRING(254), allowNull: false },
        customer_name: { type: DataTypes.STRING(200), allowNull: false },
        locale: { type: DataTypes.STRING(20), allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
        first_response_at: { type: DataTypes.DATE(3), allowNull: true },
        closed_at: { type: DataTypes.DATE(3), allowNull: true },
        last_customer_message_at: { type: DataTypes.DATE(3), allowNull: true },
        last_message_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    await qi.addIndex('cuadra_tickets', ['status', 'id'], { name: 'cuadra_tickets_status' });
    await qi.addIndex('cuadra_tickets', ['department_id', 'status'], { name: 'cuadra_tickets_department' });
    await qi.addIndex('cuadra_tickets', ['created_at'], { name: 'cuadra_tickets_created_at' });
    await qi.addIndex('cuadra_tickets', ['contact_id'], { name: 'cuadra_tickets_contact' });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_tickets');
  },
};
