/** The mini-player's geometry (src/elements/live-player/floating.ts): corners, arrow keys, drags kept inside the insets. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clampDrag, CORNERS, cornerToward, isCorner, nearestCorner } from '../../src/elements/live-player/floating.js';

describe('floating geometry', () => {
  test('nearestCorner: the quadrant of the centre', () => {
    assert.equal(nearestCorner(10, 10, 400, 800), 'top-left');
    assert.equal(nearestCorner(390, 10, 400, 800), 'top-right');
    assert.equal(nearestCorner(10, 790, 400, 800), 'bottom-left');
    assert.equal(nearestCorner(390, 790, 400, 800), 'bottom-right');
    // Exactly in the middle goes to the bottom right (the default corner).
    assert.equal(nearestCorner(200, 400, 400, 800), 'bottom-right');
  });

  test('cornerToward: an arrow key moves along one side; other keys leave it', () => {
    assert.equal(cornerToward('bottom-right', 'ArrowUp'), 'top-right');
    assert.equal(cornerToward('bottom-right', 'ArrowLeft'), 'bottom-left');
    assert.equal(cornerToward('top-left', 'ArrowDown'), 'bottom-left');
    assert.equal(cornerToward('top-left', 'ArrowRight'), 'top-right');
    assert.equal(cornerToward('top-left', 'ArrowUp'), 'top-left');
    assert.equal(cornerToward('top-left', 'Enter'), 'top-left');
    for (const corner of CORNERS) for (const key of ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']) assert.ok(isCorner(cornerToward(corner, key)));
  });

  test('isCorner refuses anything else', () => {
    assert.equal(isCorner('middle'), false);
    assert.equal(isCorner(undefined), false);
    assert.equal(isCorner('top-left'), true);
  });

  test('clampDrag keeps the box inside the viewport minus the insets', () => {
    const rect = { left: 200, top: 600, width: 176, height: 350 };
    const viewport = { width: 400, height: 1000 };
    const inset = { top: 64, right: 16, bottom: 56, left: 16 };
    // Far up and left: stops at the top inset (64) and the left inset (16).
    assert.deepEqual(clampDrag(-1000, -1000, rect, viewport, inset), { dx: 16 - 200, dy: 64 - 600 });
    // Far down and right: the box's right edge at 400 - 16, its bottom at 1000 - 56.
    assert.deepEqual(clampDrag(1000, 1000, rect, viewport, inset), { dx: 400 - 16 - 176 - 200, dy: 1000 - 56 - 350 - 600 });
    // Inside: unchanged.
    assert.deepEqual(clampDrag(-10, -20, rect, viewport, inset), { dx: -10, dy: -20 });
  });

  test('clampDrag on a viewport smaller than the box pins it to the start insets', () => {
    const { dx, dy } = clampDrag(50, 50, { left: 0, top: 0, width: 500, height: 900 }, { width: 320, height: 480 }, { top: 8, right: 8, bottom: 8, left: 8 });
    assert.deepEqual({ dx, dy }, { dx: 8, dy: 8 });
  });
});
