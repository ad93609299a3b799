import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';

export interface InvoiceLineRecord extends Model<InferAttributes<InvoiceLineRecord>, InferCreationAttributes<InvoiceLineRecord>> {
  id: CreationOptional<number>;
  invoice_id: number;
  position: number;
  description: string;
  sku: string;
  /** Exact decimal strings: never floats. */
  quantity: string;
  unit_price: string;
  discount_percent: string;
  /** "21", "10", "4", "0" or "exempt:E1". */
  vat: string;
  recargo: boolean;
  irpf: boolean;
  base: number;
}

export function initInvoiceLineModel(sequelize: Sequelize): ModelStatic<InvoiceLineRecord> {
  return sequelize.define<InvoiceLineRecord>(
    'InvoiceLine',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      invoice_id: { type: DataTypes.INTEGER, allowNull: false },
      position: { type: DataTypes.INTEGER, allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: false },
      sku: { type: DataTypes.STRING(100), allowNull: false, defaultValue: '' },
      quantity: { type: DataTypes.STRING(24), allowNull: false },
      unit_price: { type: DataTypes.STRING(32), allowNull: false },
      discount_percent: { type: DataTypes.STRING(8), allowNull: false, defaultValue: '0' },
      vat: { type: DataTypes.STRING(12), allowNull: false },
      recargo: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      irpf: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      base: { type: DataTypes.BIGINT, allowNull: false },
    },
    { tableName: 'cuadra_invoice_lines', timestamps: false },
  );
}
