import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';

export interface InvoiceRecord extends Model<InferAttributes<InvoiceRecord>, InferCreationAttributes<InvoiceRecord>> {
  id: CreationOptional<number>;
  status: string;
  kind: string;
  series_id: number;
  year: number | null;
  number: number | null;
  full_number: string | null;
  issue_date: string | null;
  operation_date: string | null;
  service_period_start: string | null;
  service_period_end: string | null;
  due_date: string | null;
  customer_id: number | null;
  /** JSON snapshot of the recipient, frozen at issue. */
  recipient: string | null;
  /** JSON snapshot of the company, frozen at issue. */
  issuer: string | null;
  currency: string;
  prices_include_tax: boolean;
  irpf_percent: string;
  simplified_limit_extended: boolean;
  language: string;
  notes: string;
  payment_method: string;
  base_total: number;
  vat_total: number;
  recargo_total: number;
  irpf_total: number;
  total: number;
  /** JSON per-rate summary. */
  tax_summary: string;
  /** JSON: per-rate totals the invoice must equal (copied orders), or null. */
  external_tax_totals: string | null;
  rectifies_invoice_id: number | null;
  rectification_method: string | null;
  rectification_reason: string | null;
  issued_at: Date | null;
  paid_at: Date | null;
  cancelled_at: Date | null;
  created_by: number | null;
  created_at: CreationOptional<Date>;
  updated_at: CreationOptional<Date>;
}

export function initInvoiceModel(sequelize: Sequelize): ModelStatic<InvoiceRecord> {
  // A fresh object per column: Sequelize writes into attribute definitions.
  const money = () => ({ type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 });
  return sequelize.define<InvoiceRecord>(
    'Invoice',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      status: { type: DataTypes.STRING(12), allowNull: false },
      kind: { type: DataTypes.STRING(2), allowNull: false },
      series_id: { type: DataTypes.INTEGER, allowNull: false },
      year: { type: DataTypes.INTEGER, allowNull: true },
      number: { type: DataTypes.INTEGER, allowNull: true },
      full_number: { type: DataTypes.STRING(60), allowNull: true },
      issue_date: { type: DataTypes.STRING(10), allowNull: true },
      operation_date: { type: DataTypes.STRING(10), allowNull: true },
      service_period_start: { type: DataTypes.STRING(10), allowNull: true },
      service_period_end: { type: DataTypes.STRING(10), allowNull: true },
      due_date: { type: DataTypes.STRING(10), allowNull: true },
      customer_id: { type: DataTypes.INTEGER, allowNull: true },
      recipient: { type: DataTypes.TEXT, allowNull: true },
      issuer: { type: DataTypes.TEXT, allowNull: true },
      currency: { type: DataTypes.STRING(3), allowNull: false },
      prices_include_tax: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      irpf_percent: { type: DataTypes.STRING(8), allowNull: false, defaultValue: '0' },
      simplified_limit_extended: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      language: { type: DataTypes.STRING(2), allowNull: false, defaultValue: 'es' },
      notes: { type: DataTypes.TEXT, allowNull: false },
      payment_method: { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' },
      base_total: money(),
      vat_total: money(),
      recargo_total: money(),
      irpf_total: money(),
      total: money(),
      tax_summary: { type: DataTypes.TEXT, allowNull: false },
      external_tax_totals: { type: DataTypes.TEXT, allowNull: true },
      rectifies_invoice_id: { type: DataTypes.INTEGER, allowNull: true },
      rectification_method: { type: DataTypes.STRING(12), allowNull: true },
      rectification_reason: { type: DataTypes.STRING(500), allowNull: true },
      issued_at: { type: DataTypes.DATE(3), allowNull: true },
      paid_at: { type: DataTypes.DATE(3), allowNull: true },
      cancelled_at: { type: DataTypes.DATE(3), allowNull: true },
      created_by: { type: DataTypes.BIGINT, allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_invoices', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
}
