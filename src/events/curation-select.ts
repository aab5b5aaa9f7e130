import type { Curation } from '../api/models.js';

/** A shopper opened a curation in `<sf-curation-list>`. Cancel it to show the curation your own way (a page of its own). */
export interface SfCurationSelectDetail {
  curation: Curation;
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-curation-select': SfCurationSelectDetail;
  }
}
