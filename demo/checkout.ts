/**
 * The demo shop's cart and checkout (cart.html), and the cart helpers the product page uses.
 *
 * Each cart line keeps the orderCallBackId its product page arrived with (`tracking.forProduct`).
 * "Order" posts the cart to the demo shop's own server route (`data-checkout-endpoint`, default
 * /demo-shop/checkout). That route — not the browser — prices the lines from the shop's catalog,
 * gives the order a number, and reports the attributed lines through the backend's payments route
 * with the shared secret (POST /sauceflex/payments, `Authorization: Bearer …`), as a real shop's
 * server would. The browser never holds the secret.
 */
import '../src/index.js';
import { tracking } from '../src/tracking/index.js';
import { savedLang, useLang } from './lang.js';
import { formatMoney } from '../src/i18n/format.js';

export interface CartLine {
  /** The shop's product code (the product page's `?id=`). */
  externalProductId: string;
  productId: string;
  name: string;
  /** Shown in the cart only; the server prices the order from its own catalog. */
  unitPrice: number;
  quantity: number;
  /** The id this line is attributed to, when the product page was opened from a broadcast. */
  orderCallBackId?: string;
}

const CART_KEY = 'demo-shop:cart';

export function readCart(): CartLine[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(CART_KEY) ?? '[]');
    return Array.isArray(value) ? (value as CartLine[]).filter((line) => line && typeof line.externalProductId === 'string') : [];
  } catch {
    return [];
  }
}

export function writeCart(lines: CartLine[]): void {
  try {
    localStorage.setItem(CART_KEY, JSON.stringify(lines));
  } catch {
    // storage blocked or full: the demo cart just does not persist
  }
}

/** Add to the cart; a line for the same product and the same click grows instead of doubling. */
export function addToCart(line: CartLine): void {
  const lines = readCart();
  const same = lines.find((l) => l.externalProductId === line.externalProductId && l.orderCallBackId === line.orderCallBackId);
  if (same) same.quantity = Math.min(99, same.quantity + line.quantity);
  else lines.push(line);
  writeCart(lines);
}

/** What the demo shop's checkout route answers. */
interface CheckoutAnswer {
  orderId: string;
  amount: number;
  payments?: { results: { orderCallBackId: string; status: 'accepted' | 'failed' | 'queued'; messageCode?: string }[] };
  error?: { code: string; message: string };
}

const texts = {
  ko: {
    title: '장바구니',
    empty: '장바구니가 비어 있습니다.',
    product: '상품',
    quantity: '수량',
    price: '금액',
    attribution: '방송 연동 (orderCallBackId)',
    direct: '방송 외 구매',
    remove: '빼기',
    total: '합계',
    order: '주문하기',
    ordering: '주문하는 중…',
    done: '주문 {orderId} 완료. 결제 연동:',
    accepted: '등록됨',
    failed: '거절됨',
    queued: '대기 중 (재시도)',
    noRoute: '데모 서버에 주문 경로가 없습니다 ({endpoint}). `npm start`로 실행했는지 확인하세요.',
    failedOrder: '주문하지 못했습니다: {message}',
    seePayments: '결제 기록 보기',
  },
  en: {
    title: 'Cart',
    empty: 'Your cart is empty.',
    product: 'Product',
    quantity: 'Qty',
    price: 'Amount',
    attribution: 'From a broadcast (orderCallBackId)',
    direct: 'Not from a broadcast',
    remove: 'Remove',
    total: 'Total',
    order: 'Place order',
    ordering: 'Placing the order…',
    done: 'Order {orderId} placed. Attribution:',
    accepted: 'recorded',
    failed: 'refused',
    queued: 'queued (retrying)',
    noRoute: 'The demo server has no checkout route ({endpoint}). Is it running through `npm start`?',
    failedOrder: 'The order failed: {message}',
    seePayments: 'See recorded payments',
  },
} as const;
type Lang = keyof typeof texts;
type Key = keyof (typeof texts)['ko'];

function t(lang: Lang, key: Key, params: Record<string, string> = {}): string {
  return texts[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

function initCartPage(root: HTMLElement): void {
  let lang: Lang = savedLang();
  const endpoint = placeholder(document.body.dataset.checkoutEndpoint) ?? '/demo-shop/checkout';
  const result = document.getElementById('result')!;

  function render(): void {
    const lines = readCart();
    root.replaceChildren();
    root.append(el('h1', t(lang, 'title')));
    if (lines.length === 0) {
      root.append(el('p', t(lang, 'empty'), { class: 'lead' }));
      return;
    }
    const table = el('table', undefined, { class: 'cart' });
    const head = el('tr');
    for (const key of ['product', 'quantity', 'price', 'attribution'] as const) head.append(el('th', t(lang, key), { scope: 'col' }));
    head.append(el('td'));
    table.append(el('thead'), el('tbody'));
    table.tHead!.append(head);
    let total = 0;
    lines.forEach((line, index) => {
      const row = el('tr');
      const amount = line.unitPrice * line.quantity;
      total += amount;
      row.append(el('td', line.name), el('td', String(line.quantity)), el('td', formatMoney(amount, lang)));
      const attribution = el('td');
      if (line.orderCallBackId) attribution.append(el('code', line.orderCallBackId));
      else attribution.textContent = t(lang, 'direct');
      row.append(attribution);
      const removeCell = el('td');
      const remove = el('button', t(lang, 'remove'), { type: 'button', 'aria-label': `${t(lang, 'remove')}: ${line.name}` });
      remove.addEventListener('click', () => {
        const next = readCart();
        const [gone] = next.splice(index, 1);
        writeCart(next);
        // The id was never used: forget it, so the next visit to that product gets a fresh one.
        if (gone?.orderCallBackId && !next.some((l) => l.orderCallBackId === gone.orderCallBackId)) tracking.forget(gone.orderCallBackId);
        render();
      });
      removeCell.append(remove);
      row.append(removeCell);
      table.tBodies[0]!.append(row);
    });
    root.append(table);
    root.append(el('p', `${t(lang, 'total')}: ${formatMoney(total, lang)}`, { class: 'total' }));
    const order = el('button', t(lang, 'order'), { type: 'button', class: 'button', id: 'order' });
    order.addEventListener('click', () => void placeOrder(order));
    root.append(order);
  }

  async function placeOrder(button: HTMLButtonElement): Promise<void> {
    const lines = readCart();
    button.disabled = true;
    button.textContent = t(lang, 'ordering');
    result.replaceChildren();
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        credentials: 'same-origin',
        // Only what identifies the lines: the server prices them itself.
        body: JSON.stringify({
          lines: lines.map(({ externalProductId, productId, quantity, orderCallBackId }) => ({ externalProductId, productId, quantity, orderCallBackId })),
        }),
      });
      if (res.status === 404) {
        result.append(el('p', t(lang, 'noRoute', { endpoint }), { role: 'alert' }));
        return;
      }
      const answer = (await res.json().catch(() => ({}))) as CheckoutAnswer;
      if (!res.ok) {
        result.append(el('p', t(lang, 'failedOrder', { message: answer.error?.message ?? `HTTP ${res.status}` }), { role: 'alert' }));
        return;
      }
      const list = el('ul', undefined, { class: 'plain-list' });
      for (const item of answer.payments?.results ?? []) {
        const li = el('li');
        li.append(el('code', item.orderCallBackId), document.createTextNode(` — ${t(lang, item.status)}${item.messageCode ? ` (${item.messageCode})` : ''}`));
        list.append(li);
        // Reported (or refused for good): sauceFlex takes an id once, so it is done with.
        if (item.status !== 'queued') tracking.forget(item.orderCallBackId);
      }
      result.append(el('p', t(lang, 'done', { orderId: answer.orderId })), list, el('a', t(lang, 'seePayments'), { href: './payments.html' }));
      writeCart([]);
    } catch (error) {
      result.append(el('p', t(lang, 'failedOrder', { message: error instanceof Error ? error.message : String(error) }), { role: 'alert' }));
    } finally {
      render();
    }
  }

  useLang((next) => {
    lang = next;
    render();
  });
}

/** A `%SF_…%` placeholder that `npm start` did not fill counts as unset. */
export function placeholder(value: string | null | undefined): string | undefined {
  return value && !value.startsWith('%') ? value : undefined;
}

const cartRoot = document.getElementById('cart');
if (cartRoot) initCartPage(cartRoot);
