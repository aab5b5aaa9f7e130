/**
 * The SmartSTREAM stand-in's live events: the seed's fields (smartstream-live-api.txt), Korean names,
 * times that move with the clock (one on air now, some ahead, one over, one cancelled) written with
 * a +09:00 offset as the seed's examples are, and ingest URLs (`input_sources`) that are secrets: the
 * tests prove they never leave our backend.
 */
export const DEFAULT_MERCHANT_ID = 'sauceshop';
export const DEFAULT_API_KEY = 'smartstream-demo-key-not-for-production';

export interface LiveEvent {
  merchant_id: string;
  id: string;
  ref_id: string | null;
  name: string;
  description: string;
  enable_ad_insertion_flag: boolean;
  live_event_profile_id: string;
  input_sources: string[];
  media_id: string;
  enable_live_to_file_flag: boolean;
  encode_status: string;
  live_encode_start_at: string | null;
  live_encode_end_at: string | null;
  created_at: string;
  updated_at: string;
  preview: { src: string } | null;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

/** An instant as the seed writes it: local time in Japan with its offset, e.g. 2018-03-14T14:42:04.632+09:00. */
export function jst(ms: number): string {
  const shifted = new Date(ms + 9 * HOUR).toISOString();
  return `${shifted.slice(0, 23)}+09:00`;
}

/** A 32-hex id derived from a number, like the seed's ids (stable; FNV-1a, so this file also runs in a browser: Storybook). */
function hexId(n: number, salt: string): string {
  let out = '';
  for (let round = 0; out.length < 32; round++) {
    let h = 0x811c9dc5;
    for (const ch of `${salt}:${n}:${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 32);
}

interface Plan {
  name: string;
  description: string;
  status: string;
  /** Start and end relative to now, minutes; null when the event has none. */
  start: number | null;
  end: number | null;
}

const PLANS: Plan[] = [
  { name: '오늘의 라이브 특가: 겨울 니트', description: '지금 방송 중인 니트 특가', status: 'encode_status_running', start: -20, end: 40 },
  { name: '저녁 요리 클래스 라이브', description: '셰프와 함께하는 30분 요리', status: 'encode_status_pending', start: 90, end: 150 },
  { name: '주말 캠핑 장비 라이브', description: '', status: 'encode_status_pending', start: 26 * 60, end: 27 * 60 },
  { name: '신상 스니커즈 첫 공개', description: '한정 수량', status: 'encode_status_pending', start: 50 * 60, end: 51 * 60 },
  { name: '뷰티 브랜드 데이', description: '기초 화장품 세트 특가', status: 'encode_status_pending', start: 74 * 60, end: 75 * 60 },
  { name: '어제의 가전 라이브', description: '다시보기 준비 중', status: 'encode_status_stopped', start: -26 * 60, end: -25 * 60 },
  { name: '취소된 가구 라이브', description: '일정 변경으로 취소', status: 'encode_status_canceled', start: 30 * 60, end: 31 * 60 },
  { name: '시간 미정 라이브', description: '곧 일정이 공개됩니다', status: 'encode_status_pending', start: null, end: null },
];

/** The events, anchored at `now`; preview images point at the stand-in's own `/images/`. */
export function liveEventFixtures(now: number, origin: string, merchantId = DEFAULT_MERCHANT_ID): LiveEvent[] {
  return PLANS.map((plan, i) => {
    const id = hexId(i, 'live');
    return {
      merchant_id: merchantId,
      id,
      ref_id: `live_${String(i + 1).padStart(2, '0')}`,
      name: plan.name,
      description: plan.description,
      enable_ad_insertion_flag: false,
      live_event_profile_id: hexId(99, 'profile'),
      // The secrets of this API: whoever has them can broadcast into the event.
      input_sources: [`rtmp://203.0.113.${10 + i}:1935/live/${id}`],
      media_id: hexId(i, 'media'),
      enable_live_to_file_flag: i % 2 === 0,
      encode_status: plan.status,
      live_encode_start_at: plan.start === null ? null : jst(now + plan.start * MIN),
      live_encode_end_at: plan.end === null ? null : jst(now + plan.end * MIN),
      created_at: jst(now - (10 - i) * 24 * HOUR),
      updated_at: jst(now - (10 - i) * HOUR),
      preview: { src: `${origin}/images/preview_${id}_image.svg` },
    };
  });
}

/** Events whose text and URLs are hostile: what our mapping and the elements must render as text, or drop. */
export function hostileEventFixtures(now: number, merchantId = DEFAULT_MERCHANT_ID): unknown[] {
  const base = liveEventFixtures(now, 'http://127.0.0.1', merchantId)[1]!;
  return [
    { ...base, id: 'hostile1', name: '<img src=x onerror="window.__sfTrap && window.__sfTrap()">', preview: { src: 'javascript:window.__sfTrap()' } },
    { ...base, id: 'hostile2', name: 'x'.repeat(5000), description: '"><script>window.__sfTrap && window.__sfTrap()</script>', preview: { src: 'data:text/html,<script>1</script>' } },
    { ...base, id: 'hostile3', live_encode_start_at: 'not a date' },
    { ...base, id: 'hostile4', name: 42, encode_status: { $gt: '' } },
    null,
    'not-an-object',
    { ...base, id: '../../etc/passwd', preview: 'not-an-object' },
  ];
}
