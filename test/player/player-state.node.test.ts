/** The preview player's state reducer, without a <video>: media events and requests in, state and events out. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { autoplayAction, IDLE, reduce, type PlayerAction, type PlayerEvent, type PlayerModel } from '../../src/player/state.js';

/** Run actions from `state`, collecting the events they announce. */
function run(actions: PlayerAction[], state: PlayerModel = IDLE): { state: PlayerModel; events: PlayerEvent[] } {
  const events: PlayerEvent[] = [];
  for (const action of actions) {
    const step = reduce(state, action);
    state = step.state;
    if (step.event) events.push(step.event);
  }
  return { state, events };
}

const playing: PlayerAction[] = [{ type: 'start', reason: 'autoplay' }, { type: 'load' }, { type: 'play-call', reason: 'autoplay' }, { type: 'media-play' }, { type: 'media-playing' }];

describe('player state', () => {
  it('announces a play once per run, with the reason it was asked for, and not again after buffering', () => {
    const { state, events } = run([...playing, { type: 'media-waiting', paused: false }, { type: 'media-playing' }]);
    assert.equal(state.status, 'playing');
    assert.equal(state.hasFrame, true);
    assert.deepEqual(events, [{ type: 'play', reason: 'autoplay' }]);
  });

  it('a play the player did not ask for (the browser controls) is the user\'s', () => {
    const { events } = run([{ type: 'load' }, { type: 'media-pause', ended: false }, { type: 'media-play' }, { type: 'media-playing' }]);
    assert.deepEqual(events.at(-1), { type: 'play', reason: 'user' });
  });

  it('a pause carries the reason it was asked for; one nobody asked for is the user\'s', () => {
    const hidden = run([...playing, { type: 'pause', reason: 'hidden', attached: true, playing: true }]);
    assert.equal(hidden.state.status, 'playing', 'nothing changes until the media element says it paused');
    const after = run([{ type: 'media-pause', ended: false }], hidden.state);
    assert.equal(after.state.status, 'paused');
    assert.equal(after.state.pausedFor, 'hidden');
    assert.deepEqual(after.events, [{ type: 'pause', reason: 'hidden' }]);
    const user = run([...playing, { type: 'media-pause', ended: false }]);
    assert.deepEqual(user.events.at(-1), { type: 'pause', reason: 'user' });
  });

  it('pausing before anything plays pauses at once, and says nothing (no play was announced)', () => {
    const { state, events } = run([{ type: 'start', reason: 'api' }, { type: 'load' }, { type: 'pause', reason: 'api', attached: true, playing: false }]);
    assert.equal(state.status, 'paused');
    assert.equal(state.pausedFor, 'api');
    assert.deepEqual(events, []);
  });

  it('a pause asked for with no engine is remembered, except for hidden', () => {
    assert.equal(run([{ type: 'pause', reason: 'user', attached: false, playing: false }]).state.pausedFor, 'user');
    assert.equal(run([{ type: 'pause', reason: 'hidden', attached: false, playing: false }]).state, IDLE);
  });

  it('refused autoplay pauses for hidden and offers play; the next frame clears it', () => {
    const refused = run([{ type: 'start', reason: 'autoplay' }, { type: 'load' }, { type: 'play-call', reason: 'autoplay' }, { type: 'play-refused' }]);
    assert.equal(refused.state.status, 'paused');
    assert.equal(refused.state.autoplayRefused, true);
    assert.equal(autoplayAction(refused.state, true), undefined, 'autoplay does not insist');
    assert.equal(run([{ type: 'media-play' }, { type: 'media-playing' }], refused.state).state.autoplayRefused, false);
  });

  it('ended and fatal are announced; a fatal error forgets why it played; unload goes back to idle', () => {
    const ended = run([...playing, { type: 'live', live: true }, { type: 'media-ended' }]);
    assert.equal(ended.state.status, 'ended');
    assert.deepEqual(ended.events.at(-1), { type: 'ended', live: true });
    const error = { kind: 'network' as const, message: 'gone' };
    const failed = run([...playing, { type: 'fatal', error }]);
    assert.equal(failed.state.status, 'error');
    assert.equal(failed.state.intent, undefined);
    assert.deepEqual(failed.events.at(-1), { type: 'error', error });
    assert.equal(run([{ type: 'unload' }], failed.state).state, IDLE);
    assert.equal(run([{ type: 'media-pause', ended: true }], ended.state).state, ended.state, 'the pause that comes with the end is not a pause');
  });

  it('autoplay starts an idle or hidden-paused player on screen, pauses its own run off screen, and leaves the rest', () => {
    assert.equal(autoplayAction(IDLE, true), 'start');
    const play = run(playing).state;
    assert.equal(autoplayAction(play, true), undefined);
    assert.equal(autoplayAction(play, false), 'pause');
    const hidden = run([{ type: 'pause', reason: 'hidden', attached: true, playing: true }, { type: 'media-pause', ended: false }], play).state;
    assert.equal(autoplayAction(hidden, true), 'start');
    const byUser = run([{ type: 'media-pause', ended: false }], play).state;
    assert.equal(autoplayAction(byUser, true), undefined);
    const asked = run([{ type: 'start', reason: 'api' }, { type: 'load' }, { type: 'play-call', reason: 'api' }, { type: 'media-play' }, { type: 'media-playing' }]).state;
    assert.equal(autoplayAction(asked, false), undefined, 'a play() the page asked for is not paused by scrolling');
  });
});
