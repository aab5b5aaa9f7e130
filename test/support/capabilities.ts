/**
 * What the engine running a browser test can do, and `itWhere()` for a test that needs one of those things:
 * it runs where the capability exists and is reported as skipped elsewhere, with the reason in its title
 * (so a run in Firefox or WebKitGTK says what it did not prove, instead of failing or hiding the test).
 */
export type EngineName = 'chromium' | 'firefox' | 'webkit';

/** The engine the test runner launched (test/web-test-runner.config.mjs announces it). */
export const engine: EngineName = (globalThis as { __SF_TEST__?: { engine?: EngineName } }).__SF_TEST__?.engine ?? 'chromium';

/** The browser plays HLS by itself (Chromium does; Firefox and WebKitGTK do not, Safari does). */
export const nativeHls = document.createElement('video').canPlayType('application/vnd.apple.mpegurl') !== '';

export function itWhere(capable: boolean, missing: string) {
  return (title: string, fn: Mocha.AsyncFunc | Mocha.Func): Mocha.Test =>
    capable
      ? it(title, fn)
      : it(`${title} (skipped: ${missing})`, function () {
          this.skip();
        });
}

/** For tests of the native HLS path. */
export const itWithNativeHls = itWhere(nativeHls, `${engine} has no native HLS`);

/**
 * WebKitGTK 2.50's GStreamer MSE deadlocks its web process when a MediaSource is detached and re-attached while
 * segments are appended during playback, as hls.js's recoverMediaError does: gdb on the hung process shows the
 * main thread in gst_pad_push_event (a flush) waiting on a stream lock, and the `webkitmediasrc` streaming
 * thread that holds it parked waiting for the main thread. About one run in four under load; the page never
 * answers again. A browser bug, not ours: Safari plays HLS natively and never gets there.
 */
export const mseReattachWhilePlaying = engine !== 'webkit';
export const itWhereMseReattachWhilePlaying = itWhere(
  mseReattachWhilePlaying,
  'WebKitGTK 2.50 deadlocks when a MediaSource is re-attached during playback (browser bug; the escalation itself is tested before playback)',
);
