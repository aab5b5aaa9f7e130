/**
 * The preview player's state as a pure reducer: what the player asks for (load, play, pause) and
 * what the media element reports (play, playing, pause, waiting, ended) are actions; each gives the
 * next state and, at most, one event to announce. The element only dispatches and performs effects
 * (hls.js, `video.play()`), so "why did it pause" is state, never a flag set before a call and
 * read back in a handler. No DOM here: it is tested without a `<video>`.
 */
import type { PlaybackError } from './engine.js';

/** The player's states, reflected in the host's `state` attribute. */
export const PLAYER_STATES = { idle: 'idle', loading: 'loading', playing: 'playing', paused: 'paused', ended: 'ended', error: 'error' } as const;
export type PlayerState = (typeof PLAYER_STATES)[keyof typeof PLAYER_STATES];

export type PlayReason = 'autoplay' | 'user' | 'api';
export type PauseReason = 'hidden' | 'user' | 'api';

export interface PlayerModel {
  status: PlayerState;
  failure?: PlaybackError;
  /** The video shows a frame of its own (the poster can go). */
  hasFrame: boolean;
  live: boolean;
  /** The browser refused muted autoplay (power saving, data saver): offer a play button. */
  autoplayRefused: boolean;
  /** Why the current run plays. */
  intent?: PlayReason;
  /** The reason of a `play()` call not yet seen as a `play` event. */
  requested?: PlayReason;
  /** The reason of our own `pause()` not yet seen as a `pause` event. */
  pausing?: PauseReason;
  /** Why the player is paused now. */
  pausedFor?: PauseReason;
  /** sf-play was sent for this run (so sf-pause / sf-ended follow it, and buffering does not repeat it). */
  announced: boolean;
}

export const IDLE: PlayerModel = Object.freeze({ status: 'idle', hasFrame: false, live: false, autoplayRefused: false, announced: false });

export type PlayerAction =
  /** A source is being attached (a new engine session). */
  | { type: 'load' }
  /** The engine is gone: back to the poster. */
  | { type: 'unload' }
  /** Something asks the player to play (autoplay, the shopper, `play()`). */
  | { type: 'start'; reason: PlayReason }
  /** `video.play()` is being called for that reason. */
  | { type: 'play-call'; reason: PlayReason }
  /** The browser refused even muted autoplay (NotAllowedError). */
  | { type: 'play-refused' }
  /** Something asks the player to pause; `attached`: an engine session exists; `playing`: the video is not paused. */
  | { type: 'pause'; reason: PauseReason; attached: boolean; playing: boolean }
  | { type: 'media-play' }
  | { type: 'media-playing' }
  | { type: 'media-pause'; ended: boolean }
  | { type: 'media-waiting'; paused: boolean }
  | { type: 'media-loadeddata' }
  | { type: 'media-ended' }
  | { type: 'live'; live: boolean }
  | { type: 'fatal'; error: PlaybackError };

export type PlayerEvent =
  | { type: 'play'; reason: PlayReason }
  | { type: 'pause'; reason: PauseReason }
  | { type: 'ended'; live: boolean }
  | { type: 'error'; error: PlaybackError };

export interface PlayerStep {
  state: PlayerModel;
  event?: PlayerEvent;
}

function paused(state: PlayerModel, reason: PauseReason): PlayerStep {
  const next: PlayerModel = { ...state, pausedFor: reason, status: 'paused', announced: false };
  return state.announced ? { state: next, event: { type: 'pause', reason } } : { state: next };
}

export function reduce(state: PlayerModel, action: PlayerAction): PlayerStep {
  switch (action.type) {
    case 'load':
      return { state: { ...state, status: 'loading', failure: undefined, hasFrame: false, live: false, announced: false, autoplayRefused: false } };
    case 'unload':
      return { state: IDLE };
    case 'start':
      return { state: { ...state, intent: action.reason, pausedFor: undefined, status: state.hasFrame ? state.status : 'loading' } };
    case 'play-call':
      return { state: { ...state, requested: action.reason } };
    case 'play-refused':
      return paused({ ...state, autoplayRefused: true }, 'hidden');
    case 'pause':
      if (!action.attached) return { state: action.reason === 'hidden' ? state : { ...state, pausedFor: action.reason } };
      // Nothing is playing yet (hls.js still loading): no `pause` event will come.
      if (!action.playing) return paused(state, action.reason);
      return { state: { ...state, pausing: action.reason } };
    case 'media-play': {
      // Not asked for by us: the browser's own controls.
      const intent = state.requested ?? (state.status !== 'playing' && state.status !== 'loading' ? 'user' : state.intent);
      return { state: { ...state, intent, requested: undefined, pausedFor: undefined } };
    }
    case 'media-playing': {
      const next: PlayerModel = { ...state, status: 'playing', hasFrame: true, autoplayRefused: false, announced: true };
      return state.announced ? { state: next } : { state: next, event: { type: 'play', reason: state.intent ?? 'user' } };
    }
    case 'media-pause':
      if (action.ended) return { state };
      return paused({ ...state, pausing: undefined }, state.pausing ?? 'user');
    case 'media-waiting':
      return { state: action.paused ? state : { ...state, status: 'loading' } };
    case 'media-loadeddata':
      return { state: { ...state, hasFrame: true } };
    case 'media-ended':
      return { state: { ...state, status: 'ended', announced: false }, event: { type: 'ended', live: state.live } };
    case 'live':
      return { state: { ...state, live: action.live } };
    case 'fatal':
      return { state: { ...state, status: 'error', failure: action.error, announced: false, intent: undefined }, event: { type: 'error', error: action.error } };
  }
}

/**
 * What autoplay asks for, given whether the player should be playing on its own now (on screen,
 * tab shown): start, pause (for `hidden`), or nothing. A player the shopper or the page paused,
 * one whose autoplay was refused, and ended or failed players are left as they are.
 */
export function autoplayAction(state: PlayerModel, wanted: boolean): 'start' | 'pause' | undefined {
  if (wanted) {
    if (state.pausedFor === 'user' || state.pausedFor === 'api' || state.autoplayRefused) return undefined;
    if (state.status === 'idle' || (state.status === 'paused' && state.pausedFor === 'hidden')) return 'start';
    return undefined;
  }
  return state.intent === 'autoplay' && (state.status === 'playing' || state.status === 'loading') ? 'pause' : undefined;
}
