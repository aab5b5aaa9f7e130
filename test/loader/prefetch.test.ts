/**
 * No waterfall without a server: the loader starts an element's data when it finds the tag, beside
 * the element's code, and the element takes that answer instead of asking again. Also: the API's
 * origin is preconnected before the first request, the pictures' origin once the first answer names
 * it, and the first picture of a schedule in view is fetched with high priority.
 * Each test file runs in a page of its own: nothing here is defined before the first test.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { discover } from '../../src/loader/autoload.js';
import type { SfSchedule } from '../../src/elements/schedule/schedule.component.js';
import { resetStandin, standinApiBase, standinOrigin } from '../support/standin-control.js';

const entries = () => performance.getEntriesByType('resource') as PerformanceResourceTiming[];
const scheduleRequests = () => entries().filter((entry) => new URL(entry.name).pathname.endsWith('/V1/front/broadcast/schedule'));
const elementCode = () => entries().filter((entry) => new URL(entry.name).pathname.endsWith('/src/elements/schedule/schedule.component.ts'));

describe('loader: data in parallel with element code', () => {
  before(() => resetStandin());
  after(() => document.body.replaceChildren());

  it('asks for a schedule\'s first page before the element\'s code has arrived, and the element does not ask again', async () => {
    expect(customElements.get('sf-schedule'), 'sf-schedule is not defined yet').to.equal(undefined);
    const holder = document.createElement('div');
    holder.innerHTML = `<sf-schedule partner-id="mobidoo" api-base="${standinApiBase()}" limit="4" layout="list" lang="ko" refresh-interval="0"></sf-schedule>`;
    document.body.append(holder);
    const fetchCalls: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      fetchCalls.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    };
    try {
      discover(document);
      // Synchronously, before any module of the element could have been evaluated.
      expect(customElements.get('sf-schedule')).to.equal(undefined);
      expect(fetchCalls.filter((url) => url.includes('/front/broadcast/schedule')), 'the request is started at once').to.have.length(1);
      const el = holder.querySelector('sf-schedule') as SfSchedule;
      await customElements.whenDefined('sf-schedule');
      await waitUntil(() => el.shadowRoot?.querySelectorAll('li[data-broadcast-id]').length === 4, 'four cards shown', { timeout: 10_000 });
      expect(fetchCalls.filter((url) => url.includes('/front/broadcast/schedule') && !url.includes('nextKey=')), 'the element took the answer').to.deep.equal(fetchCalls.slice(0, 1));
    } finally {
      window.fetch = realFetch;
    }
    const [request] = scheduleRequests();
    const [code] = elementCode();
    expect(request, 'resource timing of the API request').to.not.equal(undefined);
    expect(code, 'resource timing of the element module').to.not.equal(undefined);
    // In parallel: the API request started before the element's code had finished arriving.
    expect(request!.startTime).to.be.lessThan(code!.responseEnd);
  });

  it('preconnects to the API origin and the pictures\' origin, and fetches the first picture with high priority', async () => {
    const api = new URL(standinApiBase()).origin;
    const anonymous = document.head.querySelector(`link[rel="preconnect"][href="${api}"][crossorigin="anonymous"]`);
    expect(anonymous, 'API origin preconnected for CORS fetches').to.not.equal(null);
    const el = document.querySelector('sf-schedule') as SfSchedule;
    const card = el.shadowRoot!.querySelector('li[data-broadcast-id]')!;
    const img = card.querySelector<HTMLImageElement>('[part=thumbnail] img')!;
    const preload = document.head.querySelector<HTMLLinkElement>('link[rel="preload"][as="image"]');
    expect(preload, 'first picture preloaded').to.not.equal(null);
    expect(preload!.getAttribute('fetchpriority')).to.equal('high');
    expect(preload!.href, 'the same URL the first card shows').to.equal(img.src);
    expect(new URL(img.src).origin).to.equal(new URL(standinOrigin()).origin);
    expect(document.head.querySelector(`link[rel="preconnect"][href="${new URL(img.src).origin}"]:not([crossorigin])`), 'pictures origin preconnected').to.not.equal(null);
    // The first card's picture is eager and high priority; the others stay lazy.
    expect(img.loading).to.equal('eager');
    expect(img.getAttribute('fetchpriority')).to.equal('high');
    const others = [...el.shadowRoot!.querySelectorAll('li[data-broadcast-id]')].slice(1);
    for (const other of others) {
      const picture = other.querySelector<HTMLImageElement>('[part=thumbnail] img');
      if (picture) expect(picture.loading).to.equal('lazy');
    }
  });
});
