/**
 * Elements the page had before their code arrived draw their first view each in a task of their own
 * (the task that defines them upgrades them all; drawing there too made one long task), and hold the
 * height they had before they were defined until then, so nothing moves in between. An element created
 * in script draws at once. Each test file runs in a page of its own: nothing is defined before the first test.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { discover } from '../../src/loader/autoload.js';
import { placementKnown, watchPlacement } from '../../src/shared/early-placement.js';
import { reserveSpace } from '../../src/shared/reserve.js';
import type { SfSchedule } from '../../src/elements/schedule/schedule.component.js';
import { resetStandin, standinApiBase } from '../support/standin-control.js';

describe('first render of an upgraded element', () => {
  before(() => resetStandin());
  after(() => document.body.replaceChildren());

  it('comes in a task after the definition, with the reserved height held until it has drawn', async () => {
    expect(customElements.get('sf-schedule'), 'not defined yet').to.equal(undefined);
    reserveSpace();
    const holder = document.createElement('div');
    holder.innerHTML = `<sf-schedule partner-id="mobidoo" api-base="${standinApiBase()}" limit="4" layout="list" lang="ko" refresh-interval="0"></sf-schedule><p>below</p>`;
    document.body.append(holder);
    const schedule = holder.querySelector('sf-schedule') as SfSchedule;
    const below = holder.querySelector('p')!;
    const reservedTop = below.getBoundingClientRect().top;
    expect(reservedTop, 'the reservation (to the fold) is in place').to.be.greaterThan(100);

    // Where the tag stands is known before its code can arrive (in a page, the code takes a round trip; here it
    // may be cached, and an element defined before the first report draws at once, as before).
    watchPlacement(schedule);
    await waitUntil(() => placementKnown(schedule), 'the browser reported where the tag stands');
    // A timer queued just before the definition runs first after the defining task (timers keep their order):
    // it sees the element as that task left it.
    let afterDefiningTask: { drawn: boolean; defined: boolean; belowTop: number } | undefined;
    const define = customElements.define;
    customElements.define = function (this: CustomElementRegistry, ...args: Parameters<CustomElementRegistry['define']>) {
      if (args[0] === 'sf-schedule') {
        setTimeout(() => (afterDefiningTask = { drawn: schedule.hasUpdated, defined: schedule.matches(':defined'), belowTop: below.getBoundingClientRect().top }));
      }
      return define.apply(this, args);
    };
    try {
      discover(document);
      await waitUntil(() => afterDefiningTask !== undefined, 'the defining task ended');
    } finally {
      customElements.define = define;
    }
    expect(afterDefiningTask).to.deep.equal({ drawn: false, defined: true, belowTop: reservedTop }, 'defined, not drawn in the defining task, and holding the reserved height');

    await schedule.updateComplete;
    expect(schedule.hasUpdated).to.equal(true);
    const held = schedule.shadowRoot!.adoptedStyleSheets.filter((sheet) => [...sheet.cssRules].some((rule) => rule.cssText.startsWith(':host { min-height')));
    expect(held, 'the hold is taken away once drawn').to.have.length(0);
    // Skeleton or content (the data may be there already): never shorter than the reservation, so nothing came up.
    expect(below.getBoundingClientRect().top, 'what stands below did not come up').to.be.at.least(reservedTop);
  });

  it('comes at once for an element created in script', async () => {
    const order: string[] = [];
    setTimeout(() => order.push('next task'));
    const schedule = document.createElement('sf-schedule') as SfSchedule;
    schedule.setAttribute('api-base', standinApiBase());
    schedule.setAttribute('partner-id', 'mobidoo');
    document.body.append(schedule);
    await schedule.updateComplete;
    order.push('drawn');
    expect(order).to.deep.equal(['drawn']);
  });
});
