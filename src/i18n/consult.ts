/** Strings of `<sf-consult-button>`, in Korean and English. */
import { defineMessages } from './messages.js';

const ko = {
  'consult.label': '실시간 상담하기',
  'consult.connecting': '상담을 연결하는 중…',
  'consult.opened': '상담이 새 창에서 열렸습니다.',
  'consult.openLink': '열리지 않았다면 여기를 눌러 상담에 입장하세요',
  'consult.dialogTitle': '실시간 상담',
  'consult.close': '상담 창 닫기',
  'consult.login': '상담은 로그인한 회원만 이용할 수 있습니다.',
  'consult.loginLink': '로그인하기',
  'consult.busy': '상담 요청이 너무 잦습니다. 잠시 후 다시 시도해 주세요.',
  'consult.unavailable': '지금은 상담에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.',
  'consult.failed': '상담을 시작하지 못했습니다.',
  'consult.config': '상담을 시작할 수 없습니다: {detail}',
} as const;

type ConsultKey = keyof typeof ko;

const en: Record<ConsultKey, string> = {
  'consult.label': 'Talk to us live',
  'consult.connecting': 'Connecting you…',
  'consult.opened': 'Your consultation opened in a new tab.',
  'consult.openLink': 'If it did not open, select here to join',
  'consult.dialogTitle': 'Live consultation',
  'consult.close': 'Close the consultation',
  'consult.login': 'Please sign in to talk to us live.',
  'consult.loginLink': 'Sign in',
  'consult.busy': 'Too many requests; please try again in a moment.',
  'consult.unavailable': 'We cannot connect you right now; please try again shortly.',
  'consult.failed': 'The consultation could not be started.',
  'consult.config': 'The consultation cannot start: {detail}',
};

export const consultMsg = defineMessages<ConsultKey>({ ko, en });
