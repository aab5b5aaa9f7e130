// 결제 연동: every code of the four payment routes (FA1010, FA1027, FA1028, FA1031, FA1125) and
// the batch's success/fail split, with the payment count the control state reports.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { qs, startHarness, type Harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());
beforeEach(() => h.standin.reset());

const report = (overrides: Record<string, unknown> = {}) => ({
  orderCallBackId: randomUUID(),
  orderId: `ORD-${Math.floor(Math.random() * 1e9)}`,
  payClickTime: '2026-03-02T02:10:00.000Z',
  productQuantity: '2',
  amount: '78000',
  memberId: 'demo-member',
  ...overrides,
});
const batch = (payments: unknown) => h.call('/V1/front/product/payments', { method: 'POST', body: { payments } });
const single = (params: Record<string, string>) => h.call(`/V1/front/product/payment${qs(params)}`);
const update = (body: Record<string, unknown>) => h.call('/V1/front/product/payment', { method: 'PATCH', body });
const cancel = (params: Record<string, string>) => h.call(`/V1/front/product/payment${qs(params)}`, { method: 'DELETE' });

describe('POST /V1/front/product/payments (batch)', () => {
  test('the guide result shape: success and fail lists, one entry per report', async () => {
    const ok = report();
    const res = await batch([ok]);
    assert.equal(res.status, 200);
    assert.equal(res.json.code, 'SU0000');
    assert.deepEqual(res.json.response, { success: [{ orderCallBackId: ok.orderCallBackId }], fail: [] });
    assert.equal(h.standin.state().payments, 1);
  });

  test('a mix: new UUIDs succeed, a malformed id is FA1027, reuse is FA1028 (also within one batch)', async () => {
    const used = report();
    await batch([used]);
    const fresh = report();
    const twice = report();
    const res = await batch([fresh, report({ orderCallBackId: 'not-a-uuid' }), { ...used, orderId: 'other' }, twice, { ...twice }]);
    assert.equal(res.json.code, 'SU0000');
    assert.deepEqual(res.json.response.success, [{ orderCallBackId: fresh.orderCallBackId }, { orderCallBackId: twice.orderCallBackId }]);
    assert.deepEqual(res.json.response.fail, [
      { orderCallBackId: 'not-a-uuid', messageCode: 'FA1027' },
      { orderCallBackId: used.orderCallBackId, messageCode: 'FA1028' },
      { orderCallBackId: twice.orderCallBackId, messageCode: 'FA1028' },
    ]);
    assert.equal(h.standin.state().payments, 3);
  });

  test('an upper-case UUID is the same id as its lower-case form', async () => {
    const r = report();
    await batch([r]);
    const res = await batch([{ ...r, orderCallBackId: r.orderCallBackId.toUpperCase() }]);
    assert.equal(res.json.response.fail[0].messageCode, 'FA1028');
  });

  test('a body that breaks the schema is FA1010 for the whole batch, and nothing is recorded', async () => {
    const cases: [unknown, string[]][] = [
      [{}, ['"payments" is required']],
      [{ payments: [] }, ['"payments" must contain at least 1 items']],
      [{ payments: 'x' }, ['"payments" must be an array']],
      [{ payments: [report(), 3] }, ['"payments[1]" must be of type object']],
      [{ payments: [report({ orderId: undefined })] }, ['"payments[0].orderId" is required']],
      [{ payments: [report({ productQuantity: 2 })] }, ['"payments[0].productQuantity" must be a string']],
      [{ payments: [report({ productQuantity: 'two' })] }, ['"payments[0].productQuantity" with value "two" fails to match the required pattern: /^[0-9]+$/']],
      [{ payments: [report({ payClickTime: '02/03/2026' })] }, ['"payments[0].payClickTime" must be in ISO 8601 date format']],
      [{ payments: [report({ memberId: '' })] }, ['"payments[0].memberId" is not allowed to be empty']],
      [{ payments: [report({ coupon: 'x' })] }, ["'payments[0].coupon' is not allowed"]],
      [{ payments: [report()], extra: 1 }, ["'extra' is not allowed"]],
    ];
    for (const [body, validError] of cases) {
      const res = await h.call('/V1/front/product/payments', { method: 'POST', body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.json.code, 'FA1010');
      assert.deepEqual(res.json.response.validError, validError);
    }
    assert.equal(h.standin.state().payments, 0);
  });
});

describe('GET /V1/front/product/payment (one report)', () => {
  test('SU0000 without a response; the same id again is FA1028; a malformed id FA1027', async () => {
    const r = report();
    const res = await single(r);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.json).sort(), ['code', 'message', 'timestamp']);
    assert.equal(h.standin.state().payments, 1);

    const again = await single(r);
    assert.equal(again.json.code, 'FA1028');
    assert.equal(again.json.message, '이미 사용된 주문 콜백 아이디입니다.');
    assert.equal(again.status, 500);

    const malformed = await single(report({ orderCallBackId: '1234' }));
    assert.equal(malformed.json.code, 'FA1027');
    assert.equal(malformed.json.message, '등록되지 않은 주문콜백 아이디입니다.');
  });

  test('missing and unknown parameters are FA1010', async () => {
    const { amount: _amount, ...rest } = report();
    const res = await single({ ...rest, foo: 'bar' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json.response.validError.sort(), ['"amount" is required', "'foo' is not allowed"]);
  });
});

describe('PATCH /V1/front/product/payment', () => {
  test('updates by id, orderId and the current quantity and amount; stale values are FA1031', async () => {
    const r = report();
    await single(r);
    const change = {
      orderCallBackId: r.orderCallBackId,
      orderId: r.orderId,
      findProductQuantity: '2',
      findAmount: '78000',
      updateProductQuantity: '1',
      updateAmount: '39000',
    };
    const res = await update(change);
    assert.equal(res.json.code, 'SU0000');
    const stale = await update(change);
    assert.equal(stale.json.code, 'FA1031');
    assert.equal(stale.json.message, '주문콜백아이디, 주문 아이디와 일치하는 이력이 없습니다.');
    const next = await update({ ...change, findProductQuantity: '1', findAmount: '39000', updateProductQuantity: '3', updateAmount: '117000' });
    assert.equal(next.json.code, 'SU0000');
  });

  test('a wrong orderId or an unknown id is FA1031; the body is validated (FA1010)', async () => {
    const r = report();
    await single(r);
    const base = { orderCallBackId: r.orderCallBackId, orderId: r.orderId, findProductQuantity: '2', findAmount: '78000', updateProductQuantity: '1', updateAmount: '1' };
    assert.equal((await update({ ...base, orderId: 'other' })).json.code, 'FA1031');
    assert.equal((await update({ ...base, orderCallBackId: randomUUID() })).json.code, 'FA1031');
    const invalid = await update({ ...base, updateAmount: 'free', findAmount: undefined });
    assert.equal(invalid.status, 400);
    assert.deepEqual(invalid.json.response.validError, [
      '"findAmount" is required',
      '"updateAmount" with value "free" fails to match the required pattern: /^[0-9]+(\\.[0-9]+)?$/',
    ]);
  });
});

describe('DELETE /V1/front/product/payment', () => {
  test('deletes once (the count drops); again is FA1125; update after delete FA1125; the id stays used', async () => {
    const r = report();
    await single(r);
    assert.equal(h.standin.state().payments, 1);
    const params = { orderCallBackId: r.orderCallBackId, orderId: r.orderId, payCancelTime: '2026-03-02T05:00:00.000Z' };
    const res = await cancel(params);
    assert.equal(res.json.code, 'SU0000');
    assert.equal(h.standin.state().payments, 0);

    const again = await cancel(params);
    assert.equal(again.json.code, 'FA1125');
    assert.equal(again.json.message, '이미 삭제된 결제 내역입니다.');

    const patched = await update({ orderCallBackId: r.orderCallBackId, orderId: r.orderId, findProductQuantity: '2', findAmount: '78000', updateProductQuantity: '1', updateAmount: '1' });
    assert.equal(patched.json.code, 'FA1125');

    assert.equal((await single(r)).json.code, 'FA1028');
  });

  test('a wrong orderId or unknown id is FA1031; a bad payCancelTime FA1010', async () => {
    const r = report();
    await single(r);
    assert.equal((await cancel({ orderCallBackId: r.orderCallBackId, orderId: 'nope', payCancelTime: '2026-03-02T05:00:00Z' })).json.code, 'FA1031');
    assert.equal((await cancel({ orderCallBackId: randomUUID(), orderId: r.orderId, payCancelTime: '2026-03-02T05:00:00Z' })).json.code, 'FA1031');
    const bad = await cancel({ orderCallBackId: r.orderCallBackId, orderId: r.orderId, payCancelTime: 'soon' });
    assert.deepEqual(bad.json.response.validError, ['"payCancelTime" must be in ISO 8601 date format']);
    assert.equal(h.standin.state().payments, 1);
  });
});
