/**
 * A shopper turned a broadcast's reminder on or off ("알림 받기 / Remind me"). Subscribe them in your
 * own KakaoTalk, SMS or e-mail system from here. Cancelable: cancelling an `on` event skips the default
 * offer to add the broadcast to a calendar (the choice is still shown as set: you have taken it over).
 */
export interface SfRemindDetail {
  broadcastId: string;
  /** The broadcast's name. */
  name: string;
  /** Planned start and end, ISO 8601 in UTC. */
  start: string;
  end: string;
  /** The broadcast's page: its `shortUrl`, else the player URL (never with the viewer token). */
  url: string | undefined;
  /** true: the shopper wants a reminder; false: they took it back. */
  on: boolean;
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-remind': SfRemindDetail;
  }
}
