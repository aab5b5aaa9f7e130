/**
 * The cards `<sf-schedule>` drew: it draws them in its own shadow root (no element per card), one
 * list item each, keyed by `data-broadcast-id`; the broadcast each shows is the schedule's own record.
 */
import type { Broadcast } from '../../src/api/models.js';
import type { SfSchedule } from '../../src/elements/schedule/schedule.component.js';

export interface DrawnCard {
  /** The card's list item (`part="card"`): its link, picture, texts and actions row are inside. */
  li: HTMLLIElement;
  broadcast: Broadcast;
}

export function scheduleCards(el: SfSchedule | Element): DrawnCard[] {
  const drawn = (el as unknown as { drawn: Map<string, Broadcast> }).drawn;
  return [...(el.shadowRoot?.querySelectorAll<HTMLLIElement>('li[data-broadcast-id]') ?? [])].map((li) => {
    const broadcast = drawn.get(li.dataset.broadcastId ?? '');
    if (!broadcast) throw new Error(`no broadcast drawn for card ${li.dataset.broadcastId}`);
    return { li, broadcast };
  });
}
