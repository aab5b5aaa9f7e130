/**
 * dayKey() reads a zone's offset once per quarter hour instead of calling formatToParts for every
 * date: it must give the calendar day Intl gives, across daylight-saving changes and odd offsets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayKey } from '../../src/i18n/format.js';

function intlDay(date: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).formatToParts(date);
  const get = (type: string) => parts.find((part) => part.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const zones = ['Asia/Seoul', 'UTC', 'America/New_York', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'Europe/London', undefined];

test('the same calendar day as Intl, every 7 minutes through daylight-saving changes', () => {
  // Spans the March and November changes of 2026 in both hemispheres.
  const ranges = [
    [Date.parse('2026-03-07T00:00:00Z'), Date.parse('2026-03-10T00:00:00Z')],
    [Date.parse('2026-03-28T00:00:00Z'), Date.parse('2026-04-06T00:00:00Z')],
    [Date.parse('2026-10-03T00:00:00Z'), Date.parse('2026-10-06T00:00:00Z')],
    [Date.parse('2026-10-24T00:00:00Z'), Date.parse('2026-11-03T00:00:00Z')],
  ];
  let checked = 0;
  for (const zone of zones) {
    for (const [from, to] of ranges) {
      for (let time = from!; time < to!; time += 7 * 60_000 + 13_000) {
        const date = new Date(time);
        assert.equal(dayKey(date, zone), intlDay(date, zone), `${zone} at ${date.toISOString()}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 10_000);
});

test('an invalid date has a key of its own instead of throwing', () => {
  assert.equal(dayKey(new Date(Number.NaN), 'Asia/Seoul'), '--');
});
