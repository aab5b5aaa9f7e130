/** Strings of the cards' actions (remind, add to calendar, share), their counters, and the curation rails. */
import { defineMessages, type Message } from './messages.js';

const ko = {
  'remind.off': '알림 받기',
  'remind.on': '알림 받는 중',
  'remind.undo': '알림 취소',
  'remind.calendar': '캘린더에 추가',
  'remind.ics': '캘린더 파일 (.ics)',
  'remind.google': 'Google 캘린더',
  'remind.outlook': 'Outlook 캘린더',
  'remind.set': '{name} 방송 알림을 설정했습니다.',
  'remind.cleared': '{name} 방송 알림을 취소했습니다.',
  'remind.login': '로그인하면 방송 알림을 받을 수 있습니다.',
  'share.label': '공유',
  'share.copied': '링크를 복사했습니다.',
  'share.shared': '공유했습니다.',
  'share.failed': '복사하지 못했습니다. 이 주소를 복사해 주세요: {url}',
  'count.views': '조회',
  'count.likes': '좋아요',
  'count.chats': '채팅',
  'curation.title': '큐레이션',
  'curation.loading': '큐레이션을 불러오는 중',
  'curation.empty': '큐레이션이 없습니다.',
  'curation.more': '큐레이션 더 보기',
  'curation.live': '라이브 {n}',
  'curation.vod': '다시보기 {n}',
  'curation.open': '방송 보기',
  'curation.close': '닫기',
  'curation.untitled': '이름 없는 큐레이션',
} as const;

export type RemindMessageKey = keyof typeof ko;

const en: Record<RemindMessageKey, Message> = {
  'remind.off': 'Remind me',
  'remind.on': 'Reminder set',
  'remind.undo': 'Undo',
  'remind.calendar': 'Add to calendar',
  'remind.ics': 'Calendar file (.ics)',
  'remind.google': 'Google Calendar',
  'remind.outlook': 'Outlook Calendar',
  'remind.set': 'Reminder set for {name}.',
  'remind.cleared': 'Reminder removed for {name}.',
  'remind.login': 'Sign in to get a reminder.',
  'share.label': 'Share',
  'share.copied': 'Link copied.',
  'share.shared': 'Shared.',
  'share.failed': 'Could not copy. Copy this address: {url}',
  'count.views': 'Views',
  'count.likes': 'Likes',
  'count.chats': 'Chats',
  'curation.title': 'Curations',
  'curation.loading': 'Loading curations',
  'curation.empty': 'No curations yet.',
  'curation.more': 'More curations',
  'curation.live': { one: '{n} live', other: '{n} live' },
  'curation.vod': { one: '{n} replay', other: '{n} replays' },
  'curation.open': 'Show broadcasts',
  'curation.close': 'Close',
  'curation.untitled': 'Untitled curation',
};

export const remindMsg = defineMessages<RemindMessageKey>({ ko: { ...ko }, en });
