import { css } from 'lit';
import { theme } from '../../shared/theme.js';

export default css`
  :host {
    display: inline-flex;
    gap: 0.375rem;
    align-items: baseline;
    font-family: ${theme.fontFamily};
    font-variant-numeric: tabular-nums;
  }
  .label {
    color: ${theme.textMuted};
  }
  .time {
    font-weight: 700;
    color: ${theme.accent};
  }
`;
