import type { Sequelize, Transaction } from 'sequelize';
import type { DepartmentRecord } from '../../db/models/ticket.model';
import { inTransaction } from '../../db/transactions';
import {
  businessCalendarProblems,
  defaultBusinessCalendar,
  type BusinessCalendar,
  type OpeningInterval,
  type Weekday,
} from '../../domain/tickets/business-hours';
import { NotFoundError, ValidationError } from '../../errors';
import type { TicketModels } from './ticket-models';

/** A department's opening hours; the time zone is always the company's. */
export interface DepartmentHours {
  weekly_hours: Partial<Record<Weekday, OpeningInterval[]>>;
  holidays: string[];
}

export interface DepartmentInput {
  name: string;
  colour: string;
  contact_user_id: number | null;
  contact_email: string;
  is_default: boolean;
  business_hours: DepartmentHours | null;
}

export interface DepartmentView {
  id: number;
  name: string;
  colour: string;
  contact_user_id: number | null;
  contact_email: string;
  is_default: boolean;
  business_hours: DepartmentHours;
  created_at: string;
  updated_at: string;
}

export function defaultDepartmentHours(): DepartmentHours {
  const { weekly_hours, holidays } = defaultBusinessCalendar('UTC');
  return { weekly_hours, holidays };
}

export function departmentView(row: DepartmentRecord): DepartmentView {
  return {
    id: row.id,
    name: row.name,
    colour: row.colour,
    contact_user_id: row.contact_user_id,
    contact_email: row.contact_email,
    is_default: Boolean(row.is_default),
    business_hours: JSON.parse(row.business_hours) as DepartmentHours,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

/** The department's calendar in the company time zone, for business-hours metrics. */
export function departmentCalendar(department: DepartmentView, timezone: string): BusinessCalendar {
  return { timezone, weekly_hours: department.business_hours.weekly_hours, holidays: department.business_hours.holidays };
}

function checkHours(hours: DepartmentHours): void {
  const problems = businessCalendarProblems({ timezone: 'UTC', ...hours });
  if (problems.length > 0) {
    throw new ValidationError(problems.map((p) => ({ message: p.message, code: p.code, property: `business_hours.${p.property}` })));
  }
}

export function createDepartmentService({ sequelize, models, now }: { sequelize: Sequelize; models: TicketModels; now: () => Date }) {
  const { Department } = models;

  async function clearOtherDefaults(tx: Transaction, keepId: number): Promise<void> {
    const others = await Department.findAll({ where: { is_default: true }, transaction: tx });
    for (const other of others) if (other.id !== keepId) await other.update({ is_default: false, updated_at: now() }, { transaction: tx });
  }

  return {
    async list(): Promise<DepartmentView[]> {
      const rows = await Department.findAll({
        order: [
          ['name', 'ASC'],
          ['id', 'ASC'],
        ],
      });
      return rows.map(departmentView);
    },

    async get(id: number): Promise<DepartmentView> {
      const row = await Department.findByPk(id);
      if (!row) throw new NotFoundError('There is no department with this id.', 'NOT_FOUND');
      return departmentView(row);
    },

    async create(input: DepartmentInput): Promise<DepartmentView> {
      const hours = input.business_hours ?? defaultDepartmentHours();
      checkHours(hours);
      return inTransaction(sequelize, async (tx) => {
        const at = now();
        const row = await Department.create(
          {
            name: input.name,
            colour: input.colour,
            contact_user_id: input.contact_user_id,
            contact_email: input.contact_email,
            is_default: input.is_default,
            business_hours: JSON.stringify(hours),
            created_at: at,
            updated_at: at,
          },
          { transaction: tx },
        );
        if (input.is_default) await clearOtherDefaults(tx, row.id);
        return departmentView(row);
      });
    },

    async update(id: number, input: DepartmentInput): Promise<DepartmentView> {
      const hours = input.business_hours ?? defaultDepartmentHours();
      checkHours(hours);
      return inTransaction(sequelize, async (tx) => {
        const row = await Department.findByPk(id, { transaction: tx, lock: tx.LOCK.UPDATE });
        if (!row) throw new NotFoundError('There is no department with this id.', 'NOT_FOUND');
        // One department is always the default: it changes by making another one the default.
        if (row.is_default && !input.is_default) {
          throw new ValidationError([
            { message: 'Make another department the default instead.', code: 'DEFAULT_REQUIRED', property: 'is_default' },
          ]);
        }
        await row.update(
          {
            name: input.name,
            colour: input.colour,
            contact_user_id: input.contact_user_id,
            contact_email: input.contact_email,
            is_default: input.is_default,
            business_hours: JSON.stringify(hours),
            updated_at: now(),
          },
          { transaction: tx },
        );
        if (input.is_default) await clearOtherDefaults(tx, row.id);
        return departmentView(row);
      });
    },

    /** The department a ticket goes to when none is chosen. */
    async defaultDepartment(tx?: Transaction): Promise<DepartmentRecord> {
      const row =
        (await Department.findOne({ where: { is_default: true }, order: [['id', 'ASC']], transaction: tx })) ??
        (await Department.findOne({ order: [['id', 'ASC']], transaction: tx }));
      if (!row) throw new Error('No department exists; the migration creates one.');
      return row;
    },
  };
}

export type DepartmentService = ReturnType<typeof createDepartmentService>;
