/**
 * The guide's notification list (GET /external/notification/{partnerId}/{broadcastId}, admin token):
 * who asked the showroom to be reminded of a broadcast, or of every broadcast (`all`). Deterministic per
 * broadcast: members (memberId only, as the guide's examples) and non-members (name and phone), asked at
 * times before now. Upcoming broadcasts have 5 to 12 entries; `all` has 3; past or unknown broadcasts none
 * (the guide does not say what an unknown id answers: an empty list, as a query over nothing).
 */
import type { Broadcast } from '../../src/api/models.js';
import { generator } from './fixtures.js';

const UPCOMING = new Set(['accepted', 'standby', 'ready']);
const NAMES = ['김민지', '이서준', '박지우', '최하은', '정도윤', "O'Brien, Kate", '강예린', '조시우'];
const HOUR = 3_600_000;

export interface NotificationEntry {
  partnerId: string;
  broadcastId: string;
  memberId: string;
  memberName: string | null;
  phone: string | null;
  regDt: string;
  broadcastName?: string;
  programmingStartDt?: string;
  shortUrl?: string;
}

export function notificationList(partnerId: string, broadcastId: string, broadcast: Broadcast | undefined, now: number): NotificationEntry[] {
  const next = generator(`notification-${broadcastId}`);
  const hourAnchor = Math.floor(now / HOUR) * HOUR;
  const at = (hoursAgo: number) => new Date(hourAnchor - hoursAgo * HOUR - Math.floor(next() * 59) * 60_000).toISOString();
  if (broadcastId === 'all') {
    return ['jinhyuk', 'test02', 'demo-member'].map((memberId, i) => ({ partnerId, broadcastId: 'all', memberName: null, memberId, regDt: at(24 * (30 - i * 7)), phone: null }));
  }
  if (!broadcast || !UPCOMING.has(broadcast.broadcastStateCode)) return [];
  const count = 5 + Math.floor(next() * 8);
  return Array.from({ length: count }, (_, i) => {
    const guest = i % 3 === 2;
    const entry: NotificationEntry = {
      partnerId,
      programmingStartDt: broadcast.programmingStartDt,
      broadcastId,
      memberName: guest ? NAMES[Math.floor(next() * NAMES.length)]! : null,
      memberId: guest ? `guest-${Math.floor(next() * 1e8).toString(36)}` : `member${String(i + 1).padStart(2, '0')}`,
      // Two people sometimes ask in the same minute: paging must order them by id too.
      regDt: at(i === 1 ? 48 : 48 + i * 3),
      broadcastName: broadcast.broadcastName,
      phone: guest ? `010-${String(1000 + Math.floor(next() * 9000))}-${String(1000 + Math.floor(next() * 9000))}` : null,
    };
    if (broadcast.shortUrl) entry.shortUrl = broadcast.shortUrl;
    return entry;
  });
}
