// The player-start benchmark's page side: <sf-preview-player engine="hlsjs"> (the built bundle)
// against bare hls.js (`new Hls(); loadSource; attachMedia; play`) on the same stream, the same
// hls.js file (the ES build's chunk) and the same 180-px muted video. Milliseconds from just
// before the player (or the <video>) is put in the page to the first video frame.
import { settle } from './common.js';

const stage = () => document.getElementById('stage');

/** The first frame presented (requestVideoFrameCallback), or failing that 'playing' with currentTime > 0. */
function firstFrame(video, timeoutMs = 15_000) {
  const marks = {};
  for (const type of ['loadeddata', 'playing']) video.addEventListener(type, () => (marks[type] ??= performance.now()), { once: true });
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (via) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      video.removeEventListener('timeupdate', onTime);
      resolve({ at: performance.now(), via, marks });
    };
    const onTime = () => {
      if (!('requestVideoFrameCallback' in video) && video.currentTime > 0) finish('playing+currentTime');
    };
    const timer = setTimeout(() => {
      done = true;
      reject(new Error(`no frame within ${timeoutMs} ms (readyState ${video.readyState}, error ${video.error?.code ?? 'none'})`));
    }, timeoutMs);
    if ('requestVideoFrameCallback' in video) {
      video.requestVideoFrameCallback((now, meta) => {
        marks.presentationTime = meta.presentationTime;
        finish('requestVideoFrameCallback');
      });
    }
    video.addEventListener('timeupdate', onTime);
  });
}

let Hls;

/** Load the same hls.js module the element uses, before any timing (both sides start warm). */
export async function prepare({ hlsUrl }) {
  Hls = (await import(hlsUrl)).default;
  return typeof Hls === 'function' && Hls.isSupported();
}

/** Cold: a fresh page, hls.js fetched and evaluated inside the timing (what a shopper's first play costs). */
export async function bareColdStart({ src, hlsUrl }) {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  const t0 = performance.now();
  stage().append(video);
  const HlsClass = (await import(hlsUrl)).default;
  const hls = new HlsClass();
  hls.loadSource(src);
  hls.attachMedia(video);
  video.play().catch(() => undefined);
  const frame = await firstFrame(video);
  hls.destroy();
  return { ms: frame.at - t0, via: frame.via, engine: 'hlsjs' };
}

export async function elementStart({ src }) {
  stage().replaceChildren();
  await settle();
  const el = document.createElement('sf-preview-player');
  el.setAttribute('engine', 'hlsjs');
  el.setAttribute('muted', '');
  el.setAttribute('src', src);
  const t0 = performance.now();
  stage().append(el);
  const started = el.play();
  await el.updateComplete;
  const video = el.shadowRoot.querySelector('video');
  const frame = await firstFrame(video);
  await started;
  const engine = el.activeEngine;
  el.remove();
  await new Promise((resolve) => setTimeout(resolve, 0)); // the element unloads on a microtask after removal
  return { ms: frame.at - t0, via: frame.via, engine, loadeddataMs: frame.marks.loadeddata - t0, playingMs: frame.marks.playing - t0, presentedMs: frame.marks.presentationTime - t0 };
}

export async function bareStart({ src }) {
  stage().replaceChildren();
  await settle();
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  const t0 = performance.now();
  stage().append(video);
  const hls = new Hls();
  hls.loadSource(src);
  hls.attachMedia(video);
  video.play().catch(() => undefined);
  const frame = await firstFrame(video);
  hls.destroy();
  video.remove();
  return { ms: frame.at - t0, via: frame.via, engine: 'hlsjs', loadeddataMs: frame.marks.loadeddata - t0, playingMs: frame.marks.playing - t0, presentedMs: frame.marks.presentationTime - t0 };
}
