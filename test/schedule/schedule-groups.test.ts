import { expect } from '@open-wc/testing';
import type { Broadcast } from '../../src/api/models.js';
import { groupByDay, mergeRefreshed, nextStart } from '../../src/elements/schedule/schedule-groups.js';
import { visibleBroadcasts } from '../../src/shared/schedule-fill.js';
import { dayLabel } from '../../src/i18n/format.js';

const at = (iso: string, id: string, state: Broadcast['broadcastStateCode'] = 'ready'): Broadcast => ({
  broadcastId: id,
  broadcastName: id,
  broadcastTypeCode: 'live',
  broadcastStateCode: state,
  programmingStartDt: iso,
  programmingEndDt: iso,
});

describe('schedule grouping', () => {
  // 14:30 UTC is 23:30 in Seoul and 06:30 in Los Angeles; 15:30 UTC is past midnight in Seoul only.
  const items = [at('2026-11-23T14:30:00.000Z', 'a'), at('2026-11-23T15:30:00.000Z', 'b'), at('2026-11-24T09:00:00.000Z', 'c')];

  it('splits at midnight in Seoul', () => {
    const groups = groupByDay(items, 'Asia/Seoul');
    expect(groups.map((g) => g.key)).to.deep.equal(['2026-11-23', '2026-11-24']);
    expect(groups.map((g) => g.items.map((i) => i.broadcastId))).to.deep.equal([['a'], ['b', 'c']]);
  });

  it('splits at a different midnight in Los Angeles', () => {
    const groups = groupByDay(items, 'America/Los_Angeles');
    expect(groups.map((g) => g.key)).to.deep.equal(['2026-11-23', '2026-11-24']);
    expect(groups.map((g) => g.items.map((i) => i.broadcastId))).to.deep.equal([['a', 'b'], ['c']]);
  });

  it('labels today and tomorrow in the viewer zone, in both languages', () => {
    const now = new Date('2026-11-23T14:00:00.000Z'); // 23:00 in Seoul
    const b = new Date('2026-11-23T15:30:00.000Z'); // 00:30 next day in Seoul
    expect(dayLabel(b, now, 'ko', 'Asia/Seoul')).to.equal('내일');
    expect(dayLabel(b, now, 'en', 'Asia/Seoul')).to.equal('Tomorrow');
    expect(dayLabel(b, now, 'ko', 'America/Los_Angeles')).to.equal('오늘');
    expect(dayLabel(b, now, 'en', 'America/Los_Angeles')).to.equal('Today');
    expect(dayLabel(new Date('2026-11-26T03:00:00.000Z'), now, 'en', 'Asia/Seoul')).to.match(/Thu, Nov 26/);
  });

  it('never shows rehearsals, and "live" only what is on air', () => {
    const list = [at('2026-11-23T10:00:00Z', 'r', 'rehearsal'), at('2026-11-23T10:00:00Z', 'ro', 'rehearsalonair'), at('2026-11-23T10:00:00Z', 'on', 'onair'), at('2026-11-23T10:00:00Z', 'w', 'warning'), at('2026-11-23T10:00:00Z', 'v', 'vod')];
    const now = Date.parse('2026-11-23T11:00:00Z');
    expect(visibleBroadcasts(list, 'all', now).map((b) => b.broadcastId)).to.deep.equal(['on', 'w', 'v']);
    expect(visibleBroadcasts(list, 'live', now).map((b) => b.broadcastId)).to.deep.equal(['on', 'w']);
  });

  it('counts down to the soonest upcoming start still ahead', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    const list = [at('2026-11-23T11:00:00Z', 'past'), at('2026-11-23T15:00:00Z', 'later'), at('2026-11-23T13:00:00Z', 'soon'), at('2026-11-23T12:30:00Z', 'cancelled', 'cancel')];
    expect(nextStart(list, now)).to.equal('2026-11-23T13:00:00Z');
  });

  it('merges a refresh in place, keeping later pages without duplicates', () => {
    const old = ['a', 'b', 'c', 'd'].map((id) => at('2026-11-23T10:00:00Z', id));
    const fresh = ['b', 'a', 'x'].map((id) => at('2026-11-23T10:00:00Z', id));
    expect(mergeRefreshed(old, fresh, 2).map((b) => b.broadcastId)).to.deep.equal(['b', 'a', 'x', 'c', 'd']);
    expect(mergeRefreshed(old, [at('2026-11-23T10:00:00Z', 'c')], 2).map((b) => b.broadcastId)).to.deep.equal(['c', 'd']);
  });

  it('keeps the object of a broadcast that did not change, so its card is not drawn again', () => {
    const old = ['a', 'b'].map((id) => at('2026-11-23T10:00:00Z', id));
    const fresh = [at('2026-11-23T10:00:00Z', 'a'), { ...at('2026-11-23T10:00:00Z', 'b'), broadcastName: 'renamed' }];
    const merged = mergeRefreshed(old, fresh, 2);
    expect(merged[0]).to.equal(old[0]);
    expect(merged[1]).to.equal(fresh[1]);
    expect(merged[1]!.broadcastName).to.equal('renamed');
    // Refreshed again: the kept object still compares by content (its text is remembered, not its identity).
    const again = mergeRefreshed(merged, [{ ...at('2026-11-23T10:00:00Z', 'a'), broadcastName: 'renamed too' }, at('2026-11-23T10:00:00Z', 'b')], 2);
    expect(again[0]!.broadcastName).to.equal('renamed too');
    expect(again[1]).to.not.equal(merged[1]);
    expect(mergeRefreshed(again, [{ ...again[0]! }], 1)[0]).to.equal(again[0]);
  });
});
