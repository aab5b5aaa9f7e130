/**
 * payments.html: what the sauceFlex stand-in has recorded (결제 트래킹), next to the orderCallBackIds
 * this browser still keeps, so a person can watch a click become an attributed purchase.
 *
 * Reads the stand-in's control route `GET /__control/payments` (the recorded reports); a stand-in
 * without it answers 404, and the page then shows the count from `GET /__control/state`.
 * Refreshes every 5 seconds while the tab is visible.
 */
import { tracking } from '../src/tracking/index.js';
import { savedLang, useLang } from './lang.js';
import { formatDateTime } from '../src/i18n/format.js';
import { placeholder } from './checkout.js';

interface RecordedPayment {
  orderCallBackId: string;
  orderId: string;
  payClickTime: string;
  productQuantity: string;
  amount: string;
  memberId: string;
  cancelledAt?: string;
}

const texts = {
  ko: {
    title: '결제 기록',
    lead: '소스플렉스(스탠드인)가 받은 결제 연동 내역입니다. 방송 상품 클릭 → 상품 페이지 → 장바구니 → 주문 순서로 해 보세요.',
    refresh: '새로 고침',
    recorded: '스탠드인이 기록한 결제',
    none: '아직 기록된 결제가 없습니다.',
    countOnly: '스탠드인이 기록한 결제: {n}건 (이 스탠드인에는 목록 경로 /__control/payments가 없어 건수만 보입니다.)',
    unreachable: '스탠드인에 연결하지 못했습니다 ({origin}).',
    kept: '이 브라우저가 기억하는 orderCallBackId',
    keptNone: '없음 (방송 상품을 눌러 보세요).',
    cols: ['orderCallBackId', '주문 번호', '결제 시각', '수량', '금액', '회원', '상태'],
    keptCols: ['orderCallBackId', '상품', '방송', '클릭', '도착'],
    active: '등록됨',
    cancelled: '취소됨',
  },
  en: {
    title: 'Recorded payments',
    lead: 'What sauceFlex (the stand-in) received. Try: click a broadcast product → product page → cart → order.',
    refresh: 'Refresh',
    recorded: 'Payments the stand-in recorded',
    none: 'No payments recorded yet.',
    countOnly: 'Payments the stand-in recorded: {n} (this stand-in has no /__control/payments list route, so only the count shows).',
    unreachable: 'Could not reach the stand-in ({origin}).',
    kept: 'orderCallBackIds this browser keeps',
    keptNone: 'None (click a broadcast product).',
    cols: ['orderCallBackId', 'Order', 'Paid at', 'Qty', 'Amount', 'Member', 'State'],
    keptCols: ['orderCallBackId', 'Product', 'Broadcast', 'Clicked', 'Landed'],
    active: 'recorded',
    cancelled: 'cancelled',
  },
} as const;
type Lang = keyof typeof texts;

const standinOrigin = placeholder(document.body.dataset.standinOrigin) ?? 'http://127.0.0.1:8787';
const root = document.getElementById('payments-page')!;
let lang: Lang = savedLang();

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

function table(headers: readonly string[], rows: (string | Node)[][]): HTMLTableElement {
  const tableEl = el('table');
  const head = tableEl.createTHead().insertRow();
  for (const header of headers) {
    const th = el('th', header);
    th.scope = 'col';
    head.append(th);
  }
  const body = tableEl.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const cell of row) tr.insertCell().append(cell);
  }
  return tableEl;
}

const code = (text: string) => {
  const node = el('code', text);
  return node;
};
const when = (iso: string | undefined) => (iso && !Number.isNaN(Date.parse(iso)) ? formatDateTime(new Date(iso), lang) : '—');

async function recorded(): Promise<Node> {
  const text = texts[lang];
  const section = el('section');
  section.append(el('h2', text.recorded));
  try {
    const res = await fetch(`${standinOrigin}/__control/payments`, { cache: 'no-store' });
    if (res.status === 404) {
      const state = (await (await fetch(`${standinOrigin}/__control/state`, { cache: 'no-store' })).json()) as { payments: number };
      section.append(el('p', text.countOnly.replace('{n}', String(state.payments))));
      return section;
    }
    const body = (await res.json()) as RecordedPayment[] | { payments: RecordedPayment[] };
    const list = Array.isArray(body) ? body : body.payments;
    if (!list.length) {
      section.append(el('p', text.none));
      return section;
    }
    section.append(
      table(
        text.cols,
        list.map((p) => [code(p.orderCallBackId), p.orderId, when(p.payClickTime), p.productQuantity, p.amount, p.memberId, p.cancelledAt ? text.cancelled : text.active]),
      ),
    );
  } catch {
    section.append(el('p', text.unreachable.replace('{origin}', standinOrigin)));
  }
  return section;
}

function kept(): Node {
  const text = texts[lang];
  const section = el('section');
  section.append(el('h2', text.kept));
  const list = tracking.list();
  if (!list.length) section.append(el('p', text.keptNone));
  else
    section.append(
      table(
        text.keptCols,
        list.map((r) => [code(r.orderCallBackId), r.externalProductId ?? r.productId ?? '—', r.broadcastId ?? '—', when(r.clickedAt), when(r.landedAt)]),
      ),
    );
  return section;
}

let rendering = false;
async function render(): Promise<void> {
  if (rendering) return;
  rendering = true;
  try {
    const text = texts[lang];
    const heading = el('h1', text.title);
    const lead = el('p', text.lead);
    lead.className = 'lead';
    const toolbar = el('div');
    toolbar.className = 'toolbar';
    const refresh = el('button', text.refresh);
    refresh.type = 'button';
    refresh.addEventListener('click', () => void render());
    toolbar.append(refresh);
    const stamp = el('span', formatDateTime(new Date(), lang));
    stamp.className = 'muted';
    toolbar.append(stamp);
    const payments = await recorded();
    root.replaceChildren(heading, lead, toolbar, payments, kept());
  } finally {
    rendering = false;
  }
}


setInterval(() => {
  if (document.visibilityState === 'visible') void render();
}, 5000);
useLang((next) => {
  lang = next;
  void render();
});
