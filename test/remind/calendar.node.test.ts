/**
 * The add-to-calendar output, read back by a real iCalendar parser (ical.js, as calendar apps and
 * servers use): one VEVENT with UID, DTSTAMP, DTSTART/DTEND in UTC, SUMMARY, URL and a DISPLAY alarm;
 * hostile names survive as text (no injected property or event); lines are folded at 75 octets without
 * breaking a Korean character; an unsafe URL is left out; the Google and Outlook links carry the same
 * title and times; bad dates are refused before anything is written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { escapeText, fold, googleCalendarUrl, icsFileName, icsFor, outlookCalendarUrl, type CalendarEntry } from '../../src/shared/calendar.js';

const start = new Date('2026-12-03T11:00:00.000Z');
const end = new Date('2026-12-03T12:30:00.000Z');
const entry = (overrides: Partial<CalendarEntry> = {}): CalendarEntry => ({
  uid: 'lkmobidoo-0123456789abcdef@sauceflex',
  title: '겨울 패딩 라이브 특가',
  start,
  end,
  url: 'https://sflex.example/s/AbC123',
  description: '모비두 스토어',
  ...overrides,
});

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents('vevent');
  assert.equal(events.length, 1, 'exactly one event');
  return { calendar, event: events[0]! };
}

test('a calendar app reads back the event, its UTC times, its URL and its reminder', () => {
  const ics = icsFor(entry(), new Date('2026-11-28T09:00:00Z'));
  const { calendar, event } = parse(ics);
  assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
  assert.ok(String(calendar.getFirstPropertyValue('prodid')).includes('sauceflex'));
  const vevent = new ICAL.Event(event);
  assert.equal(vevent.uid, 'lkmobidoo-0123456789abcdef@sauceflex');
  assert.equal(vevent.summary, '겨울 패딩 라이브 특가');
  assert.equal(vevent.startDate.toJSDate().toISOString(), start.toISOString());
  assert.equal(vevent.endDate.toJSDate().toISOString(), end.toISOString());
  assert.equal(vevent.startDate.zone.tzid, 'UTC', 'DTSTART in UTC (…Z)');
  assert.equal(String(event.getFirstPropertyValue('url')), 'https://sflex.example/s/AbC123');
  assert.equal(String(event.getFirstPropertyValue('dtstamp')), '2026-11-28T09:00:00Z');
  assert.ok(vevent.description.includes('https://sflex.example/s/AbC123'));
  const alarm = event.getFirstSubcomponent('valarm')!;
  assert.equal(alarm.getFirstPropertyValue('action'), 'DISPLAY');
  assert.equal(String(alarm.getFirstPropertyValue('trigger')), '-PT10M');
  assert.ok(ics.endsWith('\r\n') && !/[^\r]\n/.test(ics), 'CRLF line ends only');
});

test('hostile names stay text: no injected property, alarm or event', () => {
  const hostile = [
    'A;B,C\\D',
    'line one\nline two\r\nline three',
    'x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected',
    'y\nATTACH:https://evil.example/x.exe',
    '<script>alert(1)</script>',
    `${'가'.repeat(120)} ; , \\ 끝`,
    'tab\there\u0000nul\u001bescape',
  ];
  for (const title of hostile) {
    const ics = icsFor(entry({ title, description: title, uid: `${title}@x` }));
    const { event } = parse(ics);
    const vevent = new ICAL.Event(event);
    // Control characters are dropped and tabs become spaces; CRLF and CR become a newline; all else survives.
    const expected = title.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(/[\u0000-\u0009\u000b-\u001f]/g, '');
    assert.equal(vevent.summary, expected, JSON.stringify(title));
    assert.equal(event.getAllProperties('attach').length, 0);
    assert.equal(event.getAllProperties('summary').length, 1);
    assert.equal(event.getAllSubcomponents('valarm').length, 1);
    for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `line of ${Buffer.byteLength(line)} octets`);
  }
});

test('folding never splits a UTF-8 character and unfolds to the original', () => {
  const line = `SUMMARY:${'라이브🎉'.repeat(30)}`;
  const folded = fold(line);
  assert.ok(folded.includes('\r\n '));
  for (const part of folded.split('\r\n')) {
    assert.ok(Buffer.byteLength(part) <= 75);
    assert.ok(!part.includes('\uFFFD'));
  }
  assert.equal(folded.replace(/\r\n /g, ''), line);
  assert.equal(escapeText('a;b,c\\d\ne'), 'a\\;b\\,c\\\\d\\ne');
});

test('an unsafe URL is left out of the file and the links', () => {
  for (const url of ['javascript:alert(1)', 'data:text/html,x', '//evil.example/x', ' JaVaScRiPt:x']) {
    const ics = icsFor(entry({ url }));
    assert.equal(parse(ics).event.getFirstPropertyValue('url'), null, url);
    assert.ok(!ics.toLowerCase().includes('javascript') && !ics.includes('evil.example'), url);
    assert.ok(!new URL(googleCalendarUrl(entry({ url }))).searchParams.has('location'));
    assert.ok(!decodeURIComponent(outlookCalendarUrl(entry({ url }))).toLowerCase().includes('javascript'));
  }
});

test('Google and Outlook links carry the title, the UTC times and the page', () => {
  const title = '겨울 & 봄 <특가> #1 ?x=1';
  const google = new URL(googleCalendarUrl(entry({ title })));
  assert.equal(google.origin, 'https://calendar.google.com');
  assert.equal(google.searchParams.get('action'), 'TEMPLATE');
  assert.equal(google.searchParams.get('text'), title);
  assert.equal(google.searchParams.get('dates'), '20261203T110000Z/20261203T123000Z');
  assert.equal(google.searchParams.get('location'), 'https://sflex.example/s/AbC123');
  const outlook = new URL(outlookCalendarUrl(entry({ title })));
  assert.equal(outlook.origin, 'https://outlook.live.com');
  assert.equal(outlook.searchParams.get('subject'), title);
  assert.equal(outlook.searchParams.get('startdt'), start.toISOString());
  assert.equal(outlook.searchParams.get('enddt'), end.toISOString());
  assert.equal(outlook.searchParams.get('rru'), 'addevent');
});

test('bad dates are refused before anything is written; file names are tame', () => {
  assert.throws(() => icsFor(entry({ start: new Date('nope') })), RangeError);
  assert.throws(() => icsFor(entry({ end: start })), RangeError);
  assert.throws(() => googleCalendarUrl(entry({ end: new Date(start.getTime() - 1) })), RangeError);
  assert.equal(icsFileName('겨울 패딩 / 라이브: 특가!'), '겨울-패딩-라이브-특가.ics');
  assert.equal(icsFileName('../../<>'), 'broadcast.ics');
});
