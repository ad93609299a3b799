// The hand-written order reader and the double-based amount arithmetic of woo-order.ts are shortcuts
// for speed: each must give exactly what the zod schema and the bigint helpers of store-order give,
// and leave anything else to them (so bad input is still reported naming its field).
import { exactDecimal, exactText, minorUnits, sumToMinorUnits } from '../../../service/src/domain/orders/store-order';
import {
  amountMinorUnits,
  amountText,
  grossOf,
  normaliseWooOrder,
  readWooOrderFast,
  storeOrderOf,
  wooOrderSchema,
} from '../../../service/src/domain/orders/woo-order';
import { syntheticOrders } from '../../harness/woocommerce-store';
import { apiOrders } from './fixtures';

const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

function outcome(work: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: work() };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

// A small deterministic generator, so a failure can be replayed.
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function amounts(count: number): unknown[] {
  const next = random(42);
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  const fixed: unknown[] = ['', '  ', null, undefined, '0', '-0', '-0.00', '0.005', '-0.005', '0.015', '-0.015', '12.345', '12.355'];
  fixed.push('999999999999999', '9999999999999.99', '99999999999999.99', '1234567890123456', '0.000000000001', '1.', '.5', ' 7.5 ');
  fixed.push('1e-7', '1,50', 'abc', 5, 5.5, -0.125, 1e21, Number.NaN, Number.POSITIVE_INFINITY, {}, [], true, '0012.5000');
  const out = [...fixed];
  while (out.length < count) {
    const whole = digits(1 + Math.floor(next() * 17));
    const scale = Math.floor(next() * 14);
    const sign = next() < 0.3 ? '-' : '';
    out.push(scale ? `${sign}${whole}.${digits(scale)}` : `${sign}${whole}`);
  }
  return out;
}

describe('the double-based amount arithmetic equals the bigint helpers', () => {
  const inputs = amounts(4000);

  it.each([0, 2, 3])('minor units and exact text, exponent %i, blank as zero or not', (exponent) => {
    for (const input of inputs) {
      for (const blankIsZero of [false, true]) {
        expect([input, outcome(() => amountMinorUnits(input, 'total', exponent, blankIsZero))]).toEqual([
          input,
          outcome(() => minorUnits(input, 'total', exponent, blankIsZero)),
        ]);
        expect([input, outcome(() => amountText(input, 'total', blankIsZero))]).toEqual([
          input,
          outcome(() => exactText(exactDecimal(input, 'total', blankIsZero))),
        ]);
      }
    }
  });

  it('a line total plus its unrounded taxes, rounded once (or plus its own tax when the taxes are blank)', () => {
    const next = random(7);
    const pick = () => inputs[Math.floor(next() * inputs.length)];
    const reference = (
      total: unknown,
      taxes: { id: number; total?: unknown; subtotal?: unknown }[],
      fallback: unknown,
      exponent: number,
    ) => {
      const base = exactDecimal(total, 'l.total');
      const parts = taxes.map((t, i) => exactDecimal(t.total, `l.taxes.${i}.total`, true));
      const useFallback = parts.length === 0 || parts.every((p) => p.digits === 0n && p.scale === 0);
      return sumToMinorUnits([base, ...(useFallback ? [exactDecimal(fallback, 'l.total_tax')] : parts)], exponent);
    };
    for (let i = 0; i < 6000; i++) {
      const taxes = Array.from({ length: Math.floor(next() * 11) }, (_, id) => ({ id, total: next() < 0.2 ? '' : pick() }));
      const [total, fallback, exponent] = [pick(), pick(), [0, 2, 3][i % 3]!];
      expect([total, taxes, fallback, outcome(() => grossOf(total, taxes as never, fallback, 'l', exponent, 'total'))]).toEqual([
        total,
        taxes,
        fallback,
        outcome(() => reference(total, taxes, fallback, exponent)),
      ]);
    }
  });
});

describe('the hand-written order reader equals the zod schema', () => {
  const orders = [...apiOrders().map((o) => o.json), ...syntheticOrders(60).map((o) => plain(o) as Record<string, unknown>)];

  it('reads every real fixture order (and synthetic ones) as the schema does, to the same StoreOrder', () => {
    expect(orders.length).toBeGreaterThan(40);
    for (const json of orders) {
      const fast = readWooOrderFast(json);
      expect(fast).not.toBeNull();
      const parsed = wooOrderSchema.parse(json);
      expect(plain(parsed)).toMatchObject(plain(fast) as Record<string, unknown>);
      expect(normaliseWooOrder(json)).toEqual(storeOrderOf(parsed));
    }
  });

  const base = plain(apiOrders()[0]!.json) as Record<string, unknown> & { line_items: Record<string, unknown>[] };
  it.each<[string, (o: typeof base) => void, string]>([
    ['a line total that is an object', (o) => (o.line_items[0]!.total = {}), 'line_items.0.total'],
    ['no line items', (o) => delete (o as Partial<typeof o>).line_items, 'line_items'],
    ['meta_data null', (o) => (o.meta_data = null), 'meta_data'],
    ['a numeric status', (o) => (o.status = 3), 'status'],
    ['a decimal id', (o) => (o.id = 1.5), 'id'],
    ['an id past 2^53 (it would be stored rounded)', (o) => (o.id = 2 ** 53 + 2), 'id'],
    ['a line product id past 2^53, as text', (o) => (o.line_items[0]!.product_id = '9007199254740993'), 'line_items.0.product_id'],
    ['compound as text', (o) => (o.tax_lines = [{ ...(o.tax_lines as object[])[0], compound: 'yes' }]), 'tax_lines.0.compound'],
    [
      'a display key that is null',
      (o) => (o.line_items[0]!.meta_data = [{ key: 'a', value: 'b', display_key: null }]),
      'line_items.0.meta_data.0.display_key',
    ],
    ['billing as a list', (o) => (o.billing = []), 'billing'],
  ])('%s: left to the schema, which names the field', (_what, change, property) => {
    const order = plain(base) as typeof base;
    change(order);
    expect(readWooOrderFast(order)).toBeNull();
    expect(normaliseWooOrder(order)).toMatchObject({ ok: false, error: { code: 'INVALID_ORDER', property } });
  });

  it('an amount the double way cannot hold goes the bigint way, exactly', () => {
    const order = plain(base) as typeof base;
    order.total = '12345678901234.567891';
    order.line_items[0]!.total = '0.123456789012';
    const result = normaliseWooOrder(order);
    expect(result).toMatchObject({ ok: true, value: { total: 1234567890123457 } });
  });
});
