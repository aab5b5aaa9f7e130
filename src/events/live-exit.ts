/**
 * The shopper pressed the sauceFlex player's leave/close button (its `sauceflexMoveExit`). Cancelable:
 * unless cancelled, `<sf-live-player>` does `action` (its `exit-action` attribute): `close` stops the
 * player (and closes the dialog it was opened in), `minimize` docks it as the floating mini-player.
 */
export interface SfLiveExitDetail {
  broadcastId: string;
  action: 'close' | 'minimize';
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-live-exit': SfLiveExitDetail;
  }
}
