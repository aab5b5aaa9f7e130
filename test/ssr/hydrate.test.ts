/**
 * Server rendering, end to end: our backend's fragment route renders `<sf-schedule>` (and a card, a
 * product list) with Declarative Shadow DOM through src/ssr/; the HTML goes into the page before any
 * element is defined; then the element code loads and hydrates it:
 * - the picture is there before JavaScript (the shadow roots came with the HTML, styled);
 * - no API request is made, no node of the server's DOM is replaced or changed, nothing moves;
 * - the element is live afterwards (a refresh asks the API again).
 * And the hostile corpus, rendered by the server into a document whose scripts would run: no payload
 * runs, nothing active is in the output, and hydration of it throws nothing.
 */
// First, before Lit loads (as every element's registration module does).
import '../../src/shared/hydrate.js';
import { expect } from '@open-wc/testing';
import { armTrap, scanForActiveContent, trapped, watchPage } from '../support/hostile.js';
import { resetStandin, setFixtureMode } from '../support/standin-control.js';
import { reserveSpace } from '../../src/shared/reserve.js';

const env = (window as unknown as { __SF_TEST__: { backendOrigin: string; apiBase: string } }).__SF_TEST__;

async function fragment(element: string, query: Record<string, string>): Promise<string> {
  const res = await fetch(`${env.backendOrigin}/sauceflex/fragments/${element}?${new URLSearchParams(query)}`);
  const body = await res.text();
  expect(res.status, body.slice(0, 300)).to.equal(200);
  expect(res.headers.get('content-type')).to.match(/^text\/html/);
  return body;
}

/** Put server HTML in the page the way a parser would (Declarative Shadow DOM attached). */
function insert(html: string): HTMLElement {
  const holder = document.createElement('div');
  holder.style.width = '360px';
  (holder as unknown as { setHTMLUnsafe(html: string): void }).setHTMLUnsafe(html);
  document.body.append(holder);
  return holder;
}

type Snapshot = { node: Node; rect: DOMRect | undefined }[];

/** Every node under `root`, shadow roots included, with the box of each element. */
function snapshot(root: Node): Snapshot {
  const out: Snapshot = [];
  const visit = (node: Node) => {
    // Our data script leaves once read; everything else must stay.
    if (node instanceof HTMLScriptElement && node.type === 'application/json') return;
    out.push({ node, rect: node instanceof Element ? node.getBoundingClientRect() : undefined });
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    for (const child of Array.from(node.childNodes)) visit(child);
  };
  visit(root);
  return out;
}

/** Mutations anywhere under `root` (shadow roots included), but the hydration markers Lit removes. */
function watchMutations(root: Node): { records: string[]; stop: () => void } {
  const records: string[] = [];
  const observers: MutationObserver[] = [];
  const observe = (target: Node) => {
    const observer = new MutationObserver((list) => {
      for (const record of list) {
        if (record.type === 'attributes' && (record.attributeName === 'defer-hydration' || record.attributeName?.startsWith('hydrate-internals-'))) continue;
        // A reflected property written back with the value the server wrote changes nothing.
        if (record.type === 'attributes' && (record.target as Element).getAttribute(record.attributeName!) === record.oldValue) continue;
        // Our data script leaves the element's light DOM once read.
        if (record.type === 'childList' && [...record.removedNodes].every((n) => n instanceof HTMLScriptElement && n.type === 'application/json') && record.addedNodes.length === 0) continue;
        records.push(`${record.type} ${record.attributeName ?? ''} on <${(record.target as Element).localName ?? record.target.nodeName}>`);
      }
    });
    observer.observe(target, { childList: true, subtree: true, characterData: true, attributes: true, attributeOldValue: true });
    observers.push(observer);
  };
  const visit = (node: Node) => {
    if (node instanceof Element && node.shadowRoot) {
      observe(node.shadowRoot);
      visit(node.shadowRoot);
    }
    for (const child of Array.from(node.childNodes)) visit(child);
  };
  observe(root);
  visit(root);
  return { records, stop: () => observers.forEach((o) => o.disconnect()) };
}

/** Count this page's requests to the sauceFlex API from now on. */
function countApiRequests(): { urls: string[]; restore: () => void } {
  const urls: string[] = [];
  const real = window.fetch;
  window.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.startsWith(env.apiBase)) urls.push(url);
    return real(input, init);
  };
  return { urls, restore: () => void (window.fetch = real) };
}

interface LitLike extends HTMLElement {
  updateComplete: Promise<unknown>;
}

async function allUpdated(root: Node): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const visit = (node: Node) => {
    if (node instanceof Element && 'updateComplete' in node) pending.push((node as LitLike).updateComplete);
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    for (const child of Array.from(node.childNodes)) visit(child);
  };
  visit(root);
  await Promise.all(pending);
}

describe('server rendering and hydration', function () {
  this.timeout(60_000);
  before(() => resetStandin());
  after(() => document.body.replaceChildren());

  it('a server-rendered schedule shows before its code, then hydrates without a request, a change or a shift', async () => {
    // As the main entry does before any element loads: space reserved for elements not defined yet
    // (a server-rendered one, marked `ssr`, must be left alone, or it would shrink when defined).
    reserveSpace();
    const html = await fragment('schedule', { limit: '1', layout: 'list', lang: 'ko', 'time-zone': 'Asia/Seoul', 'refresh-interval': '0' });
    expect(customElements.get('sf-schedule'), 'not defined yet').to.equal(undefined);
    const holder = insert(html);
    const el = holder.querySelector('sf-schedule') as LitLike & { refresh(): Promise<void> };
    // The schedule draws its cards in its own shadow root: one list item each.
    const cards = () => [...el.shadowRoot!.querySelectorAll<HTMLElement>('li[data-broadcast-id]')];
    // Before any of our code: the shadow roots are there, with the broadcasts' names, laid out.
    expect(el.shadowRoot, 'declarative shadow root attached by the parser').to.not.equal(null);
    expect(cards().length).to.be.greaterThan(0);
    const firstTitle = cards()[0]!.querySelector('[part=title]');
    expect(firstTitle?.textContent?.trim()).to.not.equal('');
    expect(el.getBoundingClientRect().height, 'styled and laid out before JavaScript').to.be.within(100, 370);

    // As in a page, where the HTML has been on screen for a while before the script arrives: rows
    // with content-visibility: auto take their real height at the first frame, not at hydration.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const before = snapshot(el);
    const mutations = watchMutations(el);
    const api = countApiRequests();
    const watch = watchPage();
    try {
      await import('../../src/elements/schedule/schedule.js');
      await customElements.whenDefined('sf-schedule');
      await el.updateComplete;
      await allUpdated(el);
      expect(api.urls, 'no API request to hydrate').to.deep.equal([]);
      expect(mutations.records, 'the server DOM was adopted as it was').to.deep.equal([]);
      watch.assertClean('hydration');
    } finally {
      mutations.stop();
      watch.stop();
    }
    const after = snapshot(el);
    expect(after.length, 'same number of nodes').to.equal(before.length);
    const moved: string[] = [];
    for (let i = 0; i < before.length; i++) {
      expect(after[i]!.node, `node ${i} is the server's own`).to.equal(before[i]!.node);
      const [a, b] = [before[i]!.rect, after[i]!.rect];
      if (a && b && [a.x, a.y, a.width, a.height].join() !== [b.x, b.y, b.width, b.height].join()) {
        const node = after[i]!.node as Element;
        moved.push(`<${node.localName} part=${node.getAttribute('part')} class=${node.getAttribute('class')}> ${[a.x, a.y, a.width, a.height].join(',')} → ${[b.x, b.y, b.width, b.height].join(',')}`);
      }
    }
    expect(moved, 'nothing moved').to.deep.equal([]);
    expect(el.matches(':defined')).to.equal(true);
    // Hydrated cards answer: a press on one is the schedule's sf-broadcast-select (cancelled here).
    const chosen: string[] = [];
    const onSelect = (event: Event) => {
      chosen.push((event as CustomEvent<{ broadcast: { broadcastId: string } }>).detail.broadcast.broadcastId);
      event.preventDefault();
    };
    el.addEventListener('sf-broadcast-select', onSelect);
    cards()[0]!.querySelector<HTMLElement>('a[part~="card-link"]')!.click();
    el.removeEventListener('sf-broadcast-select', onSelect);
    expect(chosen, 'cards hydrated').to.deep.equal([cards()[0]!.dataset.broadcastId]);
    // Live from here: a refresh asks the API.
    try {
      await el.refresh();
      expect(api.urls.filter((url) => url.includes('/front/broadcast/schedule')), 'refresh reads the API').to.have.length(1);
    } finally {
      api.restore();
    }
    holder.remove();
  });

  it('a card and a product list hydrate from the server\'s data too', async () => {
    const scheduleHtml = await fragment('schedule', { limit: '1', lang: 'ko' });
    const broadcastId = /"broadcastId":"([^"]+)"/.exec(scheduleHtml)?.[1];
    expect(broadcastId, 'a broadcast id from the schedule').to.be.a('string');
    const holder = insert((await fragment('broadcast-card', { 'broadcast-id': broadcastId!, lang: 'ko' })) + (await fragment('product-list', { 'broadcast-id': broadcastId!, lang: 'ko' })));
    const mutations = watchMutations(holder);
    const api = countApiRequests();
    try {
      await import('../../src/elements/broadcast-card/broadcast-card.js');
      await import('../../src/elements/product-list/product-list.js');
      await allUpdated(holder);
      await allUpdated(holder);
      expect(api.urls).to.deep.equal([]);
      expect(mutations.records).to.deep.equal([]);
    } finally {
      mutations.stop();
      api.restore();
    }
    const card = holder.querySelector('sf-broadcast-card')!;
    expect(card.shadowRoot!.querySelector('[part=title]')?.textContent?.trim()).to.not.equal('');
    const list = holder.querySelector('sf-product-list')!;
    expect(list.shadowRoot!.querySelectorAll('sf-product-card').length).to.be.greaterThan(0);
    holder.remove();
  });

  it('hostile data rendered on the server: no payload runs where the page\'s scripts run, nothing active, hydration throws nothing', async () => {
    await setFixtureMode('hostile');
    try {
      armTrap();
      const html = await fragment('schedule', { limit: '30', layout: 'grid', lang: 'ko', 'refresh-interval': '0' });
      // A srcdoc document runs parser-inserted scripts, as the shop's page would.
      const frame = document.createElement('iframe');
      frame.srcdoc = `<!doctype html><meta charset="utf-8"><script>window.__sfTrap = (name) => parent.__sfTrap(name);</script><body>${html}</body>`;
      await new Promise<void>((resolve) => {
        frame.onload = () => resolve();
        document.body.append(frame);
      });
      const doc = frame.contentDocument!;
      const schedule = doc.querySelector('sf-schedule')!;
      expect(schedule.shadowRoot, 'rendered').to.not.equal(null);
      frame.remove();

      // The same output parsed into this page (where the scan's checks apply), then hydrated.
      const watch = watchPage();
      const parsed = new DOMParser().parseFromString(html, 'text/html');
      const scripts = [...parsed.querySelectorAll('script')];
      expect(scripts.map((s) => `${s.type}|${s.dataset.sfProperty}`), 'the only script is our data').to.deep.equal(['application/json|initial']);
      // Defined first: the element reads and removes its data script as it connects.
      await import('../../src/elements/schedule/schedule.js');
      const holder = insert(html);
      const scan = scanForActiveContent(holder);
      expect(scan.problems, 'active content in the server output').to.deep.equal([]);
      expect(scan.nodes, 'scanned the rendered cards').to.be.greaterThan(200);
      expect(trapped(), 'payloads ran').to.deep.equal([]);

      try {
        await allUpdated(holder);
        await allUpdated(holder);
        watch.assertClean('hydrating hostile output');
      } finally {
        watch.stop();
      }
      expect(scanForActiveContent(holder).problems).to.deep.equal([]);
      expect(trapped()).to.deep.equal([]);
      holder.remove();
    } finally {
      await setFixtureMode('normal');
    }
  });
});
