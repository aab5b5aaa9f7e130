/** Strings of `<sf-preview-player>`, in Korean and English. */
import { defineMessages, type Message } from './messages.js';

const ko = {
  'player.label': '{name} 미리보기',
  'player.labelDefault': '방송 미리보기',
  'player.open': '{name} 방송 보기',
  'player.openDefault': '방송 보기',
  'player.openShort': '방송 보기',
  'player.play': '미리보기 재생',
  'player.replay': '다시 재생',
  'player.loading': '미리보기를 불러오는 중',
  'player.error': '미리보기를 재생할 수 없습니다.',
  'player.errorNetwork': '미리보기를 불러오지 못했습니다. 네트워크 연결을 확인해 주세요.',
  'player.errorUnsupported': '이 브라우저에서는 미리보기를 재생할 수 없습니다.',
  'player.ended': '미리보기가 끝났습니다.',
  'player.liveEnded': '방송이 종료되었습니다.',
  'player.noPreview': '미리보기가 없습니다.',
  'player.notFound': '방송을 찾을 수 없습니다.',
  'player.live': 'LIVE',
  'player.watchLive': '라이브 보러 가기',
  'player.watch': '방송 보기',
  'player.unmute': '소리 켜기',
  'player.mute': '소리 끄기',
  'player.pip': '작은 화면으로 보기 (PIP)',
} as const;

type PlayerKey = keyof typeof ko;

const en: Record<PlayerKey, Message> = {
  'player.label': 'Preview of {name}',
  'player.labelDefault': 'Broadcast preview',
  'player.open': 'Watch {name}',
  'player.openDefault': 'Watch the broadcast',
  'player.openShort': 'Watch',
  'player.play': 'Play preview',
  'player.replay': 'Play again',
  'player.loading': 'Loading preview',
  'player.error': 'The preview cannot be played.',
  'player.errorNetwork': 'The preview could not be loaded. Please check your connection.',
  'player.errorUnsupported': 'This browser cannot play the preview.',
  'player.ended': 'The preview has ended.',
  'player.liveEnded': 'The broadcast has ended.',
  'player.noPreview': 'No preview available.',
  'player.notFound': 'Broadcast not found.',
  'player.live': 'LIVE',
  'player.watchLive': 'Watch live',
  'player.watch': 'Watch',
  'player.unmute': 'Turn sound on',
  'player.mute': 'Turn sound off',
  'player.pip': 'Picture in picture',
};

export const playerMsg = defineMessages<PlayerKey>({ ko, en });
