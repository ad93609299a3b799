import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';

export interface InvoiceSeriesRecord extends Model<InferAttributes<InvoiceSeriesRecord>, InferCreationAttributes<InvoiceSeriesRecord>> {
  id: CreationOptional<number>;
  code: string;
  prefix: string;
  reset: string;
  padding: number;
  kind: string;
  created_at: CreationOptional<Date>;
  updated_at: CreationOptional<Date>;
}

export function initInvoiceSeriesModel(sequelize: Sequelize): ModelStatic<InvoiceSeriesRecord> {
  return sequelize.define<InvoiceSeriesRecord>(
    'InvoiceSeries',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(20), allowNull: false, unique: true },
      prefix: { type: DataTypes.STRING(40), allowNull: false },
      reset: { type: DataTypes.STRING(10), allowNull: false },
      padding: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(12), allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_invoice_series', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
}
