/**
 * The viewer token of the guide's 회원 연동: an RS256 JWT with header `{typ: 'JWT', alg: 'RS256'}`
 * and exactly the claims partnerId, memberId, nickName, age, gender, memberType (all strings) plus
 * iat and exp, signed with the partner's private key and handed over base64-encoded.
 *
 * Here: validating what the shop's `resolveMember` hook returns against the guide, masking real
 * names, the anonymous id of guests and the minter. (The demo's cookie login is demo/demo-member.ts.)
 */
import { SignJWT } from 'jose';
import { createHash, createPrivateKey, webcrypto, randomUUID, type KeyObject } from 'node:crypto';
import type { ViewerClaims } from '../api/models.js';
import { HttpProblem, readCookie } from './http.js';

/** What the shop's session knows about the shopper, as `resolveMember` returns it. */
export interface ViewerMember {
  /** The shop's own unique member id (also the memberId of payment reports). */
  memberId: string;
  /**
   * Shown in the chat as is: 1–20 characters. Mask real names (`maskNickName` or the server's
   * `maskNickNames`). Absent: 회원 + 4 hex digits derived from memberId (never the id itself).
   */
  nickName?: string;
  /** Age band: 10, 20, 30, 40, 50, 60 or 'etc' (default). */
  age?: string | number;
  /** 'm', 'w' or 'e' (default). */
  gender?: string;
  /** '1' member (default for a resolved member) or '0' non-member. */
  memberType?: string | number;
  /** This nickName is a real name: mask it (홍길동 → 홍*동). */
  maskNickName?: boolean;
}

/** The claims as signed: every one present, all strings. */
export type SignedViewerClaims = Required<ViewerClaims>;

/**
 * The shop's hook: who is asking? Return the member from the shop's own session, or null for a
 * guest. `body` is the request's JSON body, already read (undefined when empty). Throw an
 * `HttpProblem` to answer with a specific 4xx.
 */
export type ResolveMember = (request: Request, context: { body: unknown }) => ViewerMember | null | Promise<ViewerMember | null>;

export const AGE_BANDS = ['10', '20', '30', '40', '50', '60', 'etc'] as const;
export const GENDERS = ['m', 'w', 'e'] as const;
export const NICKNAME_MAX = 20;
export const MEMBER_ID_MAX = 100;

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** Shown to other viewers in the chat: no bidi overrides or isolates (spoofed text) and no invisible characters. */
/** In unicode mode only an unpaired surrogate is a code point of category Cs (not valid UTF-8 in a JWT). */
const LONE_SURROGATE = /\p{Cs}/u;
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

function invalid(field: string, code: string, message: string): HttpProblem {
  return new HttpProblem(400, code, message, { field });
}

/**
 * Check a member against the guide and fill the defaults; throws an `HttpProblem` (400) that
 * names the field. `maskAll` masks every nickName (the server's `maskNickNames`).
 */
export function validateMember(member: ViewerMember, partnerId: string, options: { maskAll?: boolean } = {}): SignedViewerClaims {
  if (typeof member !== 'object' || member === null) {
    throw invalid('member', 'invalid_member', 'resolveMember must return an object or null.');
  }
  const memberId = typeof member.memberId === 'number' ? String(member.memberId) : member.memberId;
  if (typeof memberId !== 'string' || memberId.length === 0 || memberId.length > MEMBER_ID_MAX || CONTROL.test(memberId) || memberId.trim() !== memberId) {
    throw invalid('memberId', 'invalid_member_id', `memberId must be a string of 1–${MEMBER_ID_MAX} characters without spaces at either end or control characters.`);
  }

  let nickName: string;
  if (member.nickName === undefined || member.nickName === null) {
    // Never the memberId itself (it may be an e-mail address): a stable neutral name instead.
    nickName = defaultMemberNickName(memberId);
  } else {
    if (typeof member.nickName !== 'string') throw invalid('nickName', 'invalid_nickname', 'nickName must be a string.');
    const trimmed = member.nickName.trim();
    const length = [...trimmed].length;
    if (length < 1 || length > NICKNAME_MAX || CONTROL.test(trimmed) || INVISIBLE.test(trimmed) || LONE_SURROGATE.test(trimmed)) {
      throw invalid(
        'nickName',
        'invalid_nickname',
        `nickName must be 1–${NICKNAME_MAX} characters without control, bidi-override or zero-width characters or lone surrogates.`,
      );
    }
    nickName = options.maskAll || member.maskNickName ? maskName(trimmed) : trimmed;
  }

  const age = member.age === undefined || member.age === null || member.age === '' ? 'etc' : String(member.age);
  if (!(AGE_BANDS as readonly string[]).includes(age)) {
    throw invalid('age', 'invalid_age', `age must be one of ${AGE_BANDS.join(', ')} (an age band, not an age in years).`);
  }

  const gender = member.gender === undefined || member.gender === null || member.gender === '' ? 'e' : member.gender;
  if (typeof gender !== 'string' || !(GENDERS as readonly string[]).includes(gender)) {
    throw invalid('gender', 'invalid_gender', 'gender must be m (male), w (female) or e (other/unknown).');
  }

  const memberType = member.memberType === undefined || member.memberType === null || member.memberType === '' ? '1' : String(member.memberType);
  if (memberType !== '0' && memberType !== '1') {
    throw invalid('memberType', 'invalid_member_type', 'memberType must be 1 (member) or 0 (non-member).');
  }

  return {
    partnerId,
    memberId,
    nickName,
    age: age as SignedViewerClaims['age'],
    gender: gender as SignedViewerClaims['gender'],
    memberType: memberType as SignedViewerClaims['memberType'],
  };
}

/** A member without a nickName: 회원 plus four hex digits of a hash of the memberId (stable, reveals nothing). */
export function defaultMemberNickName(memberId: string): string {
  return `회원${createHash('sha256').update(memberId).digest('hex').slice(0, 4)}`;
}

/**
 * Mask a real name for display, keeping the first and last character: 홍길동 → 홍*동,
 * 남궁민수 → 남**수, 이순 → 이*, a single character stays as is. Counts characters, not UTF-16 units.
 */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Guests: an anonymous id kept in an HttpOnly cookie so the same browser stays the same viewer. */
export const GUEST_COOKIE = 'sf_anon';
const GUEST_ID = /^guest-[0-9a-f]{32}$/;

export function newGuestId(): string {
  return `guest-${randomUUID().replace(/-/g, '')}`;
}

/** The guest id from the cookie when it is well formed, else undefined. */
export function readGuestId(request: Request): string | undefined {
  const value = readCookie(request, GUEST_COOKIE);
  return value !== undefined && GUEST_ID.test(value) ? value : undefined;
}

/**
 * The guest id a page sent back in the token request's body (it keeps it in memory while storage
 * consent is pending), when well formed. As anonymous as the cookie: it names no one.
 */
export function readBodyGuestId(body: unknown): string | undefined {
  const value = (body as { guestId?: unknown } | null)?.guestId;
  return typeof value === 'string' && GUEST_ID.test(value) ? value : undefined;
}

/** Guests' nickName: 게스트 plus the id's last four hex digits (게스트1a2b). */
export function guestNickName(guestId: string): string {
  return `게스트${guestId.slice(-4)}`;
}

export function guestClaims(partnerId: string, guestId: string): SignedViewerClaims {
  return { partnerId, memberId: guestId, nickName: guestNickName(guestId), age: 'etc', gender: 'e', memberType: '0' };
}

export interface MintedToken {
  /** base64 of the JWT, as the guide hands it to the player. */
  token: string;
  /** The JWT itself (`eyJ…`). */
  jwt: string;
  iat: number;
  exp: number;
  /** exp as an ISO 8601 UTC string. */
  expiresAt: string;
}

export interface MinterOptions {
  /** PKCS#8/PKCS#1 PEM, a Node KeyObject, or a CryptoKey usable for RSASSA-PKCS1-v1_5/SHA-256 signing. */
  privateKey: string | KeyObject | CryptoKey;
  ttlSec: number;
  /** Clock in ms (tests mint expired tokens with it). */
  now?: () => number;
}

/**
 * Signs viewer tokens. The key is imported once as a non-extractable CryptoKey, so nothing this
 * object holds can give the PEM back.
 */
export class ViewerTokenMinter {
  readonly #ttlSec: number;
  readonly #now: () => number;
  readonly #key: Promise<CryptoKey>;

  constructor(options: MinterOptions) {
    this.#ttlSec = options.ttlSec;
    this.#now = options.now ?? Date.now;
    this.#key = importSigningKey(options.privateKey);
    this.#key.catch(() => {}); // reported on first use
  }

  /** Resolves once the key is imported (rejects if it cannot be). */
  async ready(): Promise<void> {
    await this.#key;
  }

  async mint(claims: SignedViewerClaims): Promise<MintedToken> {
    const iat = Math.floor(this.#now() / 1000);
    const exp = iat + this.#ttlSec;
    // Claim order and set as in the guide; nothing else goes in.
    const payload = {
      partnerId: claims.partnerId,
      memberId: claims.memberId,
      nickName: claims.nickName,
      age: claims.age,
      gender: claims.gender,
      memberType: claims.memberType,
    };
    const jwt = await new SignJWT(payload)
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256' })
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(await this.#key);
    return { token: Buffer.from(jwt, 'utf8').toString('base64'), jwt, iat, exp, expiresAt: new Date(exp * 1000).toISOString() };
  }
}

async function importSigningKey(key: string | KeyObject | CryptoKey): Promise<CryptoKey> {
  if (typeof key === 'object' && (key as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] === 'CryptoKey') {
    return key as CryptoKey;
  }
  const keyObject = typeof key === 'string' ? createPrivateKey({ key, format: 'pem' }) : (key as KeyObject);
  const der = keyObject.export({ type: 'pkcs8', format: 'der' });
  return (await webcrypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign'])) as CryptoKey;
}
