import { DataTypes, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export interface InvoiceCounterRecord extends Model<InferAttributes<InvoiceCounterRecord>, InferCreationAttributes<InvoiceCounterRecord>> {
  series_id: number;
  year: number;
  last_number: number;
}

export function initInvoiceCounterModel(sequelize: Sequelize): ModelStatic<InvoiceCounterRecord> {
  return sequelize.define<InvoiceCounterRecord>(
    'InvoiceCounter',
    {
      series_id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
      year: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
      last_number: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    },
    { tableName: 'cuadra_invoice_counters', timestamps: false },
  );
}
