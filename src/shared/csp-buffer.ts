/**
 * Violations reported before shared/csp.ts has loaded (the loader's early requests run before any element
 * code): kept here, a few bytes in the loader, and handed to csp.ts once, which reads them as its own.
 */
const early: SecurityPolicyViolationEvent[] = [];
const keep = (event: SecurityPolicyViolationEvent): void => void early.push(event);
let state: 'off' | 'buffering' | 'taken' = 'off';

/** Start keeping violations (the loader, before its first request). */
export function bufferViolations(): void {
  if (state !== 'off' || typeof document === 'undefined') return;
  state = 'buffering';
  document.addEventListener('securitypolicyviolation', keep, true);
}

/** What was kept, once; from now on csp.ts listens itself. */
export function takeEarlyViolations(): SecurityPolicyViolationEvent[] {
  if (state === 'buffering') document.removeEventListener('securitypolicyviolation', keep, true);
  state = 'taken';
  return early.splice(0);
}
