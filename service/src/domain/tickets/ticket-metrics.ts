import { businessDurationMs, instantMs, type BusinessCalendar, type Instant } from './business-hours';

export const TICKET_STATUSES = ['new', 'open', 'waiting', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** The original submission, a public reply (e-mailed) or an internal note (never e-mailed). */
export type TicketMessageKind = 'submission' | 'reply' | 'note';
/** Who wrote a message; `system` is Cuadra itself (acknowledgements and other automatic mail). */
export type TicketMessageAuthor = 'customer' | 'staff' | 'system';

export interface TicketMessageFacts {
  kind: TicketMessageKind;
  author: TicketMessageAuthor;
  created_at: Instant;
}

/** What metrics need to know about one ticket. */
export interface TicketFacts {
  id: number;
  department_id: number;
  assignee_id: number | null;
  status: TicketStatus;
  created_at: Instant;
  /** The last close. Counted only while the ticket is closed: a reopened ticket is unresolved until closed again. */
  closed_at: Instant | null;
  messages: TicketMessageFacts[];
}

export interface TicketStatusChange {
  status: TicketStatus;
  at: Instant;
}

/** The `closed_at` a ticket's status history implies: the last close, or null when it was reopened after it. */
export function lastCloseAt(changes: TicketStatusChange[]): number | null {
  const ordered = changes.map((change) => ({ status: change.status, at: instantMs(change.at) })).sort((a, b) => a.at - b.at);
  const last = ordered[ordered.length - 1];
  return last?.status === 'closed' ? last.at : null;
}

/** The first public reply written by staff; notes, customer messages and automatic acknowledgements are no response. */
export function firstResponseAt(ticket: TicketFacts): number | null {
  let first: number | null = null;
  for (const message of ticket.messages) {
    if (message.kind !== 'reply' || message.author !== 'staff') continue;
    const at = instantMs(message.created_at);
    if (first === null || at < first) first = at;
  }
  return first;
}

/** When the ticket was resolved (its last close), or null while it is not closed. */
export function resolvedAt(ticket: TicketFacts): number | null {
  return ticket.status === 'closed' && ticket.closed_at !== null ? instantMs(ticket.closed_at) : null;
}

export interface DurationSummary {
  mean_ms: number | null;
  median_ms: number | null;
  p90_ms: number | null;
}

export interface DurationStats {
  /** How many tickets the figures describe; tickets without the event are not averaged as zero. */
  count: number;
  calendar: DurationSummary;
  business: DurationSummary;
}

export interface TicketMetrics {
  /** Tickets created in the period. */
  volume: number;
  /** Of those, tickets still not closed that have no public staff reply yet. */
  awaiting_first_reply: number;
  first_response: DurationStats;
  resolution: DurationStats;
}

export interface DepartmentTicketMetrics extends TicketMetrics {
  department_id: number;
}

/** Agents are the tickets' assignees; `agent_id` null groups unassigned tickets. */
export interface AgentTicketMetrics extends TicketMetrics {
  agent_id: number | null;
}

export interface TicketMetricsReport {
  from: string;
  to: string;
  overall: TicketMetrics;
  departments: DepartmentTicketMetrics[];
  agents: AgentTicketMetrics[];
}

/** A half-open period [from, to): the tickets created in it form the cohort that is measured. */
export interface MetricsPeriod {
  from: Instant;
  to: Instant;
}

// Nearest-rank percentile: the value at rank ceil(p/100 × n) of the ascending list (always an observed value).
export function nearestRankPercentile(ascending: number[], percent: number): number | null {
  if (ascending.length === 0) return null;
  const rank = Math.max(1, Math.ceil((percent / 100) * ascending.length));
  return ascending[Math.min(rank, ascending.length) - 1]!;
}

/** Mean and median rounded to whole milliseconds; the median of an even count is the mean of the middle two. */
export function summarizeDurations(durationsMs: number[]): DurationSummary {
  if (durationsMs.length === 0) return { mean_ms: null, median_ms: null, p90_ms: null };
  const ascending = [...durationsMs].sort((a, b) => a - b);
  const n = ascending.length;
  const middle = Math.floor(n / 2);
  const median = n % 2 === 1 ? ascending[middle]! : (ascending[middle - 1]! + ascending[middle]!) / 2;
  const mean = ascending.reduce((sum, value) => sum + value, 0) / n;
  return { mean_ms: Math.round(mean), median_ms: Math.round(median), p90_ms: nearestRankPercentile(ascending, 90) };
}

interface MeasuredTicket {
  department_id: number;
  agent_id: number | null;
  awaiting: boolean;
  first_response: { calendar: number; business: number } | null;
  resolution: { calendar: number; business: number } | null;
}

function measure(ticket: TicketFacts, calendar: BusinessCalendar): MeasuredTicket {
  const created = instantMs(ticket.created_at);
  // A clock earlier than creation (imported or skewed data) counts as an immediate event, never negative.
  const span = (until: number | null) =>
    until === null ? null : { calendar: Math.max(0, until - created), business: businessDurationMs(calendar, created, until) };
  const responded = firstResponseAt(ticket);
  return {
    department_id: ticket.department_id,
    agent_id: ticket.assignee_id,
    awaiting: responded === null && ticket.status !== 'closed',
    first_response: span(responded),
    resolution: span(resolvedAt(ticket)),
  };
}

function durationStats(spans: { calendar: number; business: number }[]): DurationStats {
  return {
    count: spans.length,
    calendar: summarizeDurations(spans.map((span) => span.calendar)),
    business: summarizeDurations(spans.map((span) => span.business)),
  };
}

function aggregate(measured: MeasuredTicket[]): TicketMetrics {
  return {
    volume: measured.length,
    awaiting_first_reply: measured.filter((ticket) => ticket.awaiting).length,
    first_response: durationStats(measured.flatMap((ticket) => (ticket.first_response ? [ticket.first_response] : []))),
    resolution: durationStats(measured.flatMap((ticket) => (ticket.resolution ? [ticket.resolution] : []))),
  };
}

function groupBy<K>(items: MeasuredTicket[], key: (item: MeasuredTicket) => K): Map<K, MeasuredTicket[]> {
  const groups = new Map<K, MeasuredTicket[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/**
 * First response and resolution times, volume and tickets awaiting a first reply, overall, per
 * department and per agent, for the tickets created in the period (their replies and closes may
 * come later). Business time uses the calendar of each ticket's department.
 */
export function ticketMetrics(
  tickets: TicketFacts[],
  period: MetricsPeriod,
  calendarFor: (departmentId: number) => BusinessCalendar,
): TicketMetricsReport {
  const from = instantMs(period.from);
  const to = instantMs(period.to);
  const measured = tickets
    .filter((ticket) => {
      const created = instantMs(ticket.created_at);
      return created >= from && created < to;
    })
    .map((ticket) => measure(ticket, calendarFor(ticket.department_id)));
  const departments = [...groupBy(measured, (ticket) => ticket.department_id)]
    .sort(([a], [b]) => a - b)
    .map(([department_id, group]) => ({ department_id, ...aggregate(group) }));
  const agents = [...groupBy(measured, (ticket) => ticket.agent_id)]
    .sort(([a], [b]) => (a ?? Number.MAX_SAFE_INTEGER) - (b ?? Number.MAX_SAFE_INTEGER))
    .map(([agent_id, group]) => ({ agent_id, ...aggregate(group) }));
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    overall: aggregate(measured),
    departments,
    agents,
  };
}
