import { SfSchedule } from './schedule.component.js';

export { SfSchedule };

if (!customElements.get('sf-schedule')) customElements.define('sf-schedule', SfSchedule);

declare global {
  interface HTMLElementTagNameMap {
    'sf-schedule': SfSchedule;
  }
}
