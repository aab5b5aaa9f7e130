/**
 * "Add to calendar" for a broadcast: an RFC 5545 `.ics` file and Google / Outlook links. Loaded only
 * when a shopper sets a reminder (a dynamic import), so no page pays for it up front.
 *
 * Our own ~1 kB generator rather than a library: one VEVENT with one VALARM is all we write, and the
 * generators on npm carry validation and time-zone code several times that size. The test parses the
 * result back with ical.js. Every text value is escaped (RFC 5545 §3.3.11: backslash, `;`, `,`, line
 * breaks) and stripped of control characters; long lines are folded at 75 octets without splitting a
 * UTF-8 sequence (§3.1); times are UTC (`…Z`); the URL is the one `safeUrl()` let through, or none.
 */
import { safeUrl } from './safe-url.js';

export interface CalendarEntry {
  /** Unique and stable per broadcast, so a second import updates the entry instead of doubling it. */
  uid: string;
  title: string;
  start: Date;
  end: Date;
  /** The broadcast's page (http(s) only; anything else is left out). */
  url?: string;
  description?: string;
  /** Minutes before the start the calendar reminds (default 10). */
  alarmMinutes?: number;
}

const CRLF = '\r\n';

/** A time as iCalendar's UTC form: 20261124T110000Z. */
export function icsTime(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Control characters (tab and line breaks become spaces or escapes first) never reach the file. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '');
}

/** RFC 5545 TEXT: `\` `;` `,` escaped, line breaks as `\n`. */
export function escapeText(text: string): string {
  return clean(text).replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
}

/** Lines longer than 75 octets continue on the next line after a space, never inside a character. */
export function fold(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; each continuation 74 after its leading space.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function checkEntry(entry: CalendarEntry): void {
  if (!(entry.start instanceof Date) || Number.isNaN(entry.start.getTime())) throw new RangeError('calendar entry: start is not a valid date');
  if (!(entry.end instanceof Date) || Number.isNaN(entry.end.getTime()) || entry.end <= entry.start) {
    throw new RangeError('calendar entry: end must be a valid date after start');
  }
}

/** The `.ics` text of one event with its reminder. */
export function icsFor(entry: CalendarEntry, now: Date = new Date()): string {
  checkEntry(entry);
  const url = safeUrl(entry.url);
  const minutes = Math.max(0, Math.round(entry.alarmMinutes ?? 10));
  const title = escapeText(entry.title);
  const description = [entry.description, url].filter(Boolean).join('\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//sauceflex-widgets//remind//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    // The UID is TEXT too: escaped like any other value.
    `UID:${escapeText(entry.uid)}`,
    `DTSTAMP:${icsTime(now)}`,
    `DTSTART:${icsTime(entry.start)}`,
    `DTEND:${icsTime(entry.end)}`,
    `SUMMARY:${title}`,
    ...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
    // A URI value is not TEXT: safeUrl() gave a serialised URL (no spaces, no line breaks, no quotes).
    ...(url ? [`URL:${url}`] : []),
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${title}`,
    `TRIGGER:-PT${minutes}M`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join(CRLF) + CRLF;
}

/** Google Calendar's "create event" page, filled in. */
export function googleCalendarUrl(entry: CalendarEntry): string {
  checkEntry(entry);
  const url = safeUrl(entry.url);
  const params = new URLSearchParams({ action: 'TEMPLATE', text: clean(entry.title), dates: `${icsTime(entry.start)}/${icsTime(entry.end)}` });
  const details = [entry.description && clean(entry.description), url].filter(Boolean).join('\n');
  if (details) params.set('details', details);
  if (url) params.set('location', url);
  return `https://calendar.google.com/calendar/render?${params}`;
}

/** Outlook on the web's "new event" page (personal accounts; work accounts are redirected by Microsoft). */
export function outlookCalendarUrl(entry: CalendarEntry): string {
  checkEntry(entry);
  const url = safeUrl(entry.url);
  const params = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: clean(entry.title),
    startdt: entry.start.toISOString(),
    enddt: entry.end.toISOString(),
  });
  const body = [entry.description && clean(entry.description), url].filter(Boolean).join('\n');
  if (body) params.set('body', body);
  if (url) params.set('location', url);
  return `https://outlook.live.com/calendar/0/deeplink/compose?${params}`;
}

/** A file name for the `.ics` download: the title's letters and digits (any script), else "broadcast". */
export function icsFileName(title: string): string {
  const base = clean(title).replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${base || 'broadcast'}.ics`;
}

/** Offer the `.ics` as a download (an object URL, revoked once the click has been handled). */
export function downloadIcs(entry: CalendarEntry, doc: Document = document): void {
  const blob = new Blob([icsFor(entry)], { type: 'text/calendar;charset=utf-8' });
  const href = URL.createObjectURL(blob);
  const link = Object.assign(doc.createElement('a'), { href, download: icsFileName(entry.title), rel: 'noopener' });
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}
