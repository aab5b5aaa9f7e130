/**
 * The card's actions row, kept apart from the card so the card's own template stays small: "remind
 * me" (upcoming broadcasts) with its add-to-calendar offer, share, and the compact counters (views,
 * likes, chats). Outside the card's link: buttons inside a link are neither valid nor usable.
 *
 * The row has one height whatever it holds (counters refreshed from 999 to 1.2K, a reminder turned
 * on), so a schedule's refresh moves nothing; only the calendar offer a shopper opens adds a line.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Broadcast } from '../../api/models.js';
import '../../events/login-required.js';
import '../../events/remind.js';
import '../../events/share.js';
import type { SfShareDetail } from '../../events/share.js';
import { formatCount, parseApiDate } from '../../i18n/format.js';
import { remindMsg } from '../../i18n/remind.js';
import { playerUrl, type ShopperState } from '../../shared/broadcast-view.js';
import type { CalendarEntry } from '../../shared/calendar.js';
import { loginTarget } from '../../shared/login.js';
import { loadReminders, setReminder } from '../../shared/reminders.js';
import { safeUrl } from '../../shared/safe-url.js';
import type { SfEventDetails } from '../../shared/sauceflex-element.js';
import { share, type ShareOutcome } from '../../shared/share.js';
import type { Lang } from '../../store/config.js';
import { isReminded, reminderStore, type RemindersState } from '../../store/reminders.js';
import { sessionStore } from '../../store/session.js';
import { StoreController } from '../../store/store-controller.js';
import { navigate } from '../../tracking/navigate.js';

type Calendar = typeof import('../../shared/calendar.js');

/** The element that draws cards (a card, or the schedule drawing many): the cards' events leave from it. */
export interface CardHost extends ReactiveControllerHost, HTMLElement {
  /** Dispatch a card's cancelable `sf-` event (bubbles, composed); false when cancelled. */
  cardEvent<K extends CardEventName>(name: K, detail: SfEventDetails[K]): boolean;
}

export type CardEventName = 'sf-remind' | 'sf-login-required' | 'sf-broadcast-select';

export interface ActionsOptions {
  lang: Lang;
  loginUrl?: string;
  requiresLogin: boolean;
  noShare: boolean;
  noRemind: boolean;
}

const HOUR = 3_600_000;

/** 16 px line icons (decorative: each control has its text). */
const ICONS = {
  bell: 'M6 8a6 6 0 0 1 12 0c0 7 3 8 3 8H3s3-1 3-8M10 20a2 2 0 0 0 4 0',
  check: 'M4 12l5 5L20 6',
  share: 'M4 12v7a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-7M16 6l-4-4-4 4M12 2v13',
  views: 'M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12zM12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
  likes: 'M12 20s-8-5-8-11a4.5 4.5 0 0 1 8-2.5A4.5 4.5 0 0 1 20 9c0 6-8 11-8 11z',
  chats: 'M21 12a8 8 0 0 1-12 7l-5 1 1-4a8 8 0 1 1 16-4z',
} as const;
// Written into each control's own template (its path bound), not a template of its own: a schedule
// draws a thousand rows, and every nested template is one more instance to clone and track.

/** The page a broadcast is shared and reminded by: its short link, else the player (never with the viewer's token). */
export function broadcastPageUrl(broadcast: Broadcast): string | undefined {
  return safeUrl(broadcast.shortUrl) ?? playerUrl(broadcast, undefined);
}

/** A broadcast's planned start and end; an end missing or not after the start becomes start + 1 h; undefined when there is none. */
export function plannedTimes(broadcast: Broadcast): { start: Date; end: Date } | undefined {
  const start = parseApiDate(broadcast.programmingStartDt);
  if (!start) return undefined;
  const planned = parseApiDate(broadcast.programmingEndDt);
  const end = planned && planned > start ? planned : new Date(start.getTime() + HOUR);
  // A start at the very end of Date's range (the API's data is not ours) has no hour after it.
  return Number.isNaN(end.getTime()) ? undefined : { start, end };
}

/**
 * The actions of every card its host draws: one for `<sf-broadcast-card>`, one for all the cards of
 * `<sf-schedule>`; what a card's row shows (its last note, the calendar offer) is kept by broadcast id.
 */
export class CardActions implements ReactiveController {
  /** Re-renders the host when any reminder changes (another card, another tab). */
  private readonly reminders: StoreController<RemindersState, RemindersState['byId']>;
  private readonly member = new StoreController(this.host, sessionStore, (s) => s.isMember && !!s.token);
  private calendar?: Calendar;
  /** Broadcasts whose calendar offer is open (the shopper set their reminder here). */
  private readonly offers = new Set<string>();
  /** Each card's last outcome, shown in its row and announced: polite, it never takes focus. */
  private readonly notes = new Map<string, string>();
  /** Cards whose guest was asked to sign in (no login page to send them to). */
  private readonly loginPrompts = new Set<string>();

  constructor(private readonly host: CardHost) {
    this.reminders = new StoreController(host, reminderStore, (s) => s.byId);
    host.addController(this);
  }

  hostConnected(): void {
    loadReminders();
  }

  private say(broadcastId: string, text: string): void {
    this.notes.set(broadcastId, text);
    this.host.requestUpdate();
  }

  /** What a card's row shows beyond its broadcast: a new value whenever the row would change. */
  revision(broadcastId: string): string {
    const id = broadcastId;
    return `${isReminded(reminderStore.getState(), id)}|${this.offers.has(id) && !!this.calendar}|${this.loginPrompts.has(id)}|${this.notes.get(id) ?? ''}`;
  }

  /** Turn the reminder on or off, as the toggle does. Resolves once the calendar offer (if any) is ready. */
  async toggleRemind(broadcast: Broadcast, options: ActionsOptions): Promise<void> {
    const times = plannedTimes(broadcast);
    if (!times) return;
    const on = !isReminded(reminderStore.getState(), broadcast.broadcastId);
    if (on && options.requiresLogin && !this.member.value) {
      const proceed = this.host.cardEvent('sf-login-required', { broadcastId: broadcast.broadcastId, source: 'remind', reason: 'guest' });
      const target = proceed ? loginTarget(options.loginUrl) : undefined;
      if (target) navigate(target);
      else if (proceed) {
        this.loginPrompts.add(broadcast.broadcastId);
        this.say(broadcast.broadcastId, remindMsg(options.lang, 'remind.login'));
      }
      return;
    }
    this.loginPrompts.delete(broadcast.broadcastId);
    const url = broadcastPageUrl(broadcast);
    const name = broadcast.broadcastName;
    const proceed = this.host.cardEvent('sf-remind', { broadcastId: broadcast.broadcastId, name, start: times.start.toISOString(), end: times.end.toISOString(), url, on });
    setReminder(broadcast.broadcastId, on, times.end.getTime());
    if (on && proceed) this.offers.add(broadcast.broadcastId);
    else this.offers.delete(broadcast.broadcastId);
    this.say(broadcast.broadcastId, remindMsg(options.lang, on ? 'remind.set' : 'remind.cleared', { name }));
    if (this.offers.has(broadcast.broadcastId) && !this.calendar) {
      try {
        this.calendar = await import('../../shared/calendar.js');
      } catch (error) {
        // A chunk that failed to arrive (offline): the reminder is set, only the offer is missing.
        this.offers.delete(broadcast.broadcastId);
        console.warn('[sauceflex] could not load the calendar helper:', error instanceof Error ? error.message : error);
      }
      this.host.requestUpdate();
    }
  }

  /** Share the broadcast, as the share button does; the outcome is shown in the row. */
  async share(broadcast: Broadcast, lang: Lang): Promise<ShareOutcome | undefined> {
    const url = broadcastPageUrl(broadcast);
    if (!url) return undefined;
    const detail: SfShareDetail = { broadcastId: broadcast.broadcastId, title: broadcast.broadcastName, url };
    const outcome = await share(this.host, detail);
    const text = {
      shared: remindMsg(lang, 'share.shared'),
      copied: remindMsg(lang, 'share.copied'),
      failed: remindMsg(lang, 'share.failed', { url }),
      cancelled: '',
      dismissed: '',
    }[outcome];
    this.say(broadcast.broadcastId, text);
    return outcome;
  }

  private entry(broadcast: Broadcast): CalendarEntry | undefined {
    const times = plannedTimes(broadcast);
    if (!times) return undefined;
    const url = broadcastPageUrl(broadcast);
    return { uid: `${broadcast.broadcastId}@sauceflex`, title: broadcast.broadcastName, ...times, ...(url ? { url } : {}), ...(broadcast.shopName ? { description: broadcast.shopName } : {}) };
  }

  /** The row: remind (upcoming only), share, counters; then the calendar offer and the outcome. */
  render(broadcast: Broadcast, state: ShopperState, options: ActionsOptions) {
    const { lang } = options;
    const id = broadcast.broadcastId;
    const name = broadcast.broadcastName;
    const remindable = !options.noRemind && state === 'upcoming' && !!plannedTimes(broadcast);
    const shareable = !options.noShare && state !== 'cancelled' && !!broadcastPageUrl(broadcast);
    const on = remindable && isReminded(reminderStore.getState(), id);
    const entry = on && this.offers.has(id) && this.calendar ? this.entry(broadcast) : undefined;
    const note = this.notes.get(id) ?? '';
    // No white space between the controls (text nodes to clone for every card of a schedule); the
    // buttons' own texts are spans, each named.
    return html`<div class="actions" part="actions">${remindable
        ? html`<button type="button" class="action remind" part="remind" aria-pressed=${on ? 'true' : 'false'} @click=${() => this.toggleRemind(broadcast, options)}><svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false"><path d=${ICONS[on ? 'check' : 'bell']}></path></svg><span class="label">${remindMsg(lang, on ? 'remind.on' : 'remind.off')}</span><span class="visually-hidden">: ${name}</span></button>`
        : nothing}${shareable
        ? html`<button type="button" class="action share" part="share" @click=${() => this.share(broadcast, lang)}><svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false"><path d=${ICONS.share}></path></svg><span class="label">${remindMsg(lang, 'share.label')}</span><span class="visually-hidden">: ${name}</span></button>`
        : nothing}${this.renderCounters(broadcast, state, lang)}</div>${entry && this.calendar ? this.renderOffer(entry, this.calendar, broadcast, options) : nothing}<div class="note" part="note" role="status">${note || (this.loginPrompts.has(id) ? remindMsg(lang, 'remind.login') : '')}</div>`;
  }

  private renderOffer(entry: CalendarEntry, calendar: Calendar, broadcast: Broadcast, options: ActionsOptions) {
    const { lang } = options;
    return html`<div class="offer" part="calendar" role="group" aria-label=${remindMsg(lang, 'remind.calendar')}>
      <span class="offer-title">${remindMsg(lang, 'remind.calendar')}</span>
      <button type="button" class="link" @click=${() => calendar.downloadIcs(entry)}>${remindMsg(lang, 'remind.ics')}</button>
      <a class="link" href=${calendar.googleCalendarUrl(entry)} target="_blank" rel="noopener">${remindMsg(lang, 'remind.google')}</a>
      <a class="link" href=${calendar.outlookCalendarUrl(entry)} target="_blank" rel="noopener">${remindMsg(lang, 'remind.outlook')}</a>
      <button type="button" class="link undo" @click=${() => this.toggleRemind(broadcast, options)}>${remindMsg(lang, 'remind.undo')}</button>
    </div>`;
  }

  /** Views, likes and chats of a broadcast that has had an audience, compact (1.2만 / 12K). */
  private renderCounters(broadcast: Broadcast, state: ShopperState, lang: Lang) {
    const room = broadcast.room;
    if (!room || state === 'upcoming' || state === 'cancelled') return nothing;
    // A live card's meta already says its viewers.
    const live = state === 'live' || state === 'interrupted';
    const counts = [
      ['views', live ? undefined : room.incomingCounterInfo],
      ['likes', room.reactionCounterInfo],
      ['chats', room.chatCounterInfo],
    ] as const;
    return html`<span class="counters" part="counters">
      ${counts.map(([key, value]) =>
        typeof value === 'number' && Number.isFinite(value) && value >= 0
          ? html`<span class="count ${key}"><svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false"><path d=${ICONS[key]}></path></svg><span class="visually-hidden">${remindMsg(lang, `count.${key}`)}</span> ${formatCount(value, lang)}</span>`
          : nothing,
      )}
    </span>`;
  }
}
