/**
 * The guide's `{code, message, timestamp, response}` envelope, its Korean messages, and the HTTP
 * status each code travels with. Handlers throw `ApiFailure`; app.ts turns it into the envelope.
 */

/** Messages from the guide's Errors table (only the codes the stand-in can answer with). */
export const MESSAGES: Record<string, string> = {
  SU0000: '성공하였습니다.',
  FA1000: '존재하지 않는 계정입니다.',
  FA1006: '계정 정보가 일치하지 않습니다.',
  FA1007: '유효하지 않은 토큰입니다.',
  FA1008: '만료된 토큰입니다.',
  FA1009: '권한이 없습니다.',
  FA1010: '파라미터가 잘못되었습니다.',
  FA1011: '서버 내부 에러가 발생하였습니다.',
  FA1012: '존재하지 않는 파트너입니다.',
  FA1018: '잘못된 큐레이션 아이디입니다.',
  FA1026: '등록되지 않은 상품입니다.',
  FA1027: '등록되지 않은 주문콜백 아이디입니다.',
  FA1028: '이미 사용된 주문 콜백 아이디입니다.',
  FA1031: '주문콜백아이디, 주문 아이디와 일치하는 이력이 없습니다.',
  FA1040: '잘못된 쿠폰 아이디입니다.',
  FA1041: '이미 발급된 쿠폰입니다.',
  FA1042: '쿠폰 발급에 실패하였습니다.',
  FA1125: '이미 삭제된 결제 내역입니다.',
};

/**
 * The guide documents 200 (SU0000), 400 (FA1010), 401 (token codes) and, for every other failure,
 * "Response Code 500: {code: some-code}". So business codes such as FA1026 or FA1031 come with 500,
 * as the real service sends them; a client must read the code, not only the status.
 */
export function statusOf(code: string): number {
  if (code === 'SU0000') return 200;
  if (code === 'FA1010') return 400;
  if (code === 'FA1006' || code === 'FA1007' || code === 'FA1008') return 401;
  if (code === 'FA1009') return 403;
  return 500;
}

export interface EnvelopeBody {
  code: string;
  message: string;
  timestamp?: number;
  response?: unknown;
}

export function envelope(code: string, response?: unknown, timestamp?: number, message?: string): EnvelopeBody {
  const body: EnvelopeBody = { code, message: message ?? MESSAGES[code] ?? code };
  if (timestamp !== undefined) body.timestamp = timestamp;
  if (response !== undefined) body.response = response;
  return body;
}

/** A refusal with the guide's code; thrown by handlers and validators, answered by app.ts. */
export class ApiFailure extends Error {
  readonly status: number;
  /** Sent instead of the table's message when the table's alone would not say what to fix. */
  readonly publicMessage: string;
  constructor(
    readonly code: string,
    readonly response?: unknown,
    options: { status?: number; message?: string } = {},
  ) {
    const publicMessage = options.message ?? MESSAGES[code] ?? code;
    super(`${code} ${publicMessage}`);
    this.status = options.status ?? statusOf(code);
    this.publicMessage = publicMessage;
  }
}

/** FA1010 with Joi-style `validError` lines. */
export const badParameters = (validError: string[]) => new ApiFailure('FA1010', { validError });
