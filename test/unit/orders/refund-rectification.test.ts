import { computeInvoiceTotals, externalTotalsAcceptable, matchExternalTaxTotals } from '../../../service/src/domain/billing/invoice-totals';
import { validateInvoiceDraft } from '../../../service/src/domain/billing/invoice-rules';
import { refundRectificationDraft } from '../../../service/src/domain/orders/refund-rectification';
import { normaliseWooOrder, normaliseWooRefund } from '../../../service/src/domain/orders/woo-order';
import { readApiFixture } from './fixtures';

function order(file: string) {
  const result = normaliseWooOrder(JSON.parse(readApiFixture(file)));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('a refund of an invoiced order becomes a rectifying draft by differences', () => {
  it('order 35: the returned cushion, exactly −29,95 € of which −5,20 € IVA', () => {
    const refundJson = (JSON.parse(readApiFixture('order_35_refunds.json')) as unknown[])[0];
    const refund = normaliseWooRefund(refundJson, 'EUR', 35);
    if (!refund.ok) throw new Error(refund.error.message);
    const result = refundRectificationDraft(order('order_with_partial_refund_35.json'), refund.value, { invoice_id: 7, kind: 'F1' });
    if (!result.ok) throw new Error(result.error.message);
    const { draft } = result.value;
    expect(draft.kind).toBe('R1');
    expect(draft.rectification).toEqual({ invoice_id: 7, method: 'differences', reason: 'Cojín llegó dañado' });
    expect(draft.lines).toEqual([expect.objectContaining({ quantity: '-1', unit_price: '2995', vat: 21, sku: 'COJ-NANDU' })]);
    const computed = computeInvoiceTotals({ currency: 'EUR', prices_include_tax: draft.prices_include_tax, lines: draft.lines });
    const match = matchExternalTaxTotals(computed, draft.external_tax_totals);
    expect(externalTotalsAcceptable(match)).toBe(true);
    expect(match.totals.total).toBe(-2995);
    expect(match.totals.vat_total).toBe(-520);
    expect(match.totals.base_total).toBe(-2475);
    const problems = validateInvoiceDraft({
      ...draft,
      rectification: { method: 'differences', original: { invoice_number: 'F2026-7', issue_date: '2026-11-06', kind: 'F1' } },
    });
    expect(problems).toEqual([]);
  });

  it('order 33: a refund of the whole amount without lines, one tax rate, is exact; a simplified original gets R5', () => {
    const result = refundRectificationDraft(
      order('order_fully_refunded_33.json'),
      {
        id: 34,
        order_id: 33,
        created_at: '2026-11-05T23:58:22Z',
        reason: '',
        amount: 34900,
        lines: [],
        shipping_lines: [],
        fee_lines: [],
        tax_lines: [],
      },
      { invoice_id: 9, kind: 'F2' },
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.draft.kind).toBe('R5');
    expect(result.value.decisions).toEqual([]);
    const totals = computeInvoiceTotals({ currency: 'EUR', prices_include_tax: true, lines: result.value.draft.lines });
    expect(totals.total).toBe(-34900);
    expect(totals.vat_total).toBe(-6057);
  });

  it('an amount-only refund of an order with two IVA rates asks the user to check the split', () => {
    const result = refundRectificationDraft(
      order('order_mixed_tax_rates_25.json'),
      {
        id: 99,
        order_id: 25,
        created_at: null,
        reason: 'Goodwill',
        amount: 1000,
        lines: [],
        shipping_lines: [],
        fee_lines: [],
        tax_lines: [],
      },
      { invoice_id: 3, kind: 'F1' },
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.decisions.map((d) => d.code)).toEqual(['REFUND_SPLIT_ESTIMATED']);
    expect(computeInvoiceTotals({ currency: 'EUR', prices_include_tax: true, lines: result.value.draft.lines }).total).toBe(-1000);
  });
});
