import { css } from 'lit';

export default css`
  :host {
    display: inline-flex;
    gap: 0.375rem;
    align-items: baseline;
    font-family: var(--sf-font-family, system-ui, 'Noto Sans KR', sans-serif);
    font-variant-numeric: tabular-nums;
  }
  .label {
    color: var(--sf-text-muted, #595960);
  }
  .time {
    font-weight: 700;
    color: var(--sf-accent, #e5203a);
  }
`;
