/**
 * `<sf-consult-button>` has the shopper's own LiveMinutes join URL and is about to open it (a new tab,
 * or its on-page dialog). Cancel the event to open it your own way (an app's web view, say).
 * `reused`: the shopper's consultation was still open and is joined again.
 */
export interface SfConsultOpenDetail {
  joinUrl: string;
  reused: boolean;
  mode: 'tab' | 'dialog';
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-consult-open': SfConsultOpenDetail;
  }
}
