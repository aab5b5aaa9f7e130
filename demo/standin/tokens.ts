/**
 * The two kinds of token sauceFlex checks: the partner's admin tokens (opaque, issued by
 * /authorize, renewed by /token, expiring on the stand-in's clock) and the viewer JWT the
 * partner signs with its RSA key (회원 연동), verified with jose against the partner's public key.
 */
import { randomBytes } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { errors as joseErrors, importSPKI, jwtVerify, type CryptoKey, type JWTPayload } from 'jose';
import type { AdminTokens as AdminTokensBody, ViewerClaims } from '../../src/api/models.js';
import { ApiFailure } from './envelope.js';
import { PARTNER_NAME } from './fixtures.js';

export interface AdminAccount {
  id: string;
  password: string;
}

interface Issued {
  accessToken: string;
  refreshToken: string;
  accessIat: number;
  accessExp: number;
  refreshIat: number;
  refreshExp: number;
  lifeTimeDays: number;
}

/** The admin profile the guide's sample answers with. */
const ADMIN_PROFILE = {
  partnerName: PARTNER_NAME,
  userId: 'ad6511d376c644439a1f2b3c4d5e6f70',
  locale: 'ko',
  userName: '모비두슈퍼관리자1',
  roleCode: 'sa',
  userNickName: '모비두슈퍼관리자1닉네임',
};

/**
 * Opaque tokens that look like the guide's (base64 text). Each one is made to contain '+' and '/',
 * which base64 may always produce: a client that forgets to encode the token in a path or a query
 * string then fails every time, not one time in eight.
 */
function opaqueToken(): string {
  for (;;) {
    const token = randomBytes(96).toString('base64');
    if (token.includes('+') && token.includes('/')) return token;
  }
}

export class AdminTokenStore {
  private readonly byAccess = new Map<string, Issued>();
  private readonly byRefresh = new Map<string, Issued>();

  constructor(
    private readonly options: {
      partnerId: string;
      admin: AdminAccount;
      accessTtlSec: number;
      refreshTtlSec: number;
      now: () => number;
    },
  ) {}

  reset(): void {
    this.byAccess.clear();
    this.byRefresh.clear();
  }

  /** GET /authorize: the partner must exist (FA1012) and the account match (FA1006). */
  authorize(partnerId: string, id: string, password: string, lifeTimeDays: number): AdminTokensBody {
    if (partnerId !== this.options.partnerId) throw new ApiFailure('FA1012');
    if (id !== this.options.admin.id || password !== this.options.admin.password) throw new ApiFailure('FA1006');
    return this.issue(lifeTimeDays);
  }

  /** POST /token: a new pair; the old pair stops working. */
  refresh(refreshToken: string): AdminTokensBody {
    const issued = this.byRefresh.get(refreshToken);
    if (!issued) throw new ApiFailure('FA1007');
    if (this.nowSec() >= issued.refreshExp) throw new ApiFailure('FA1008');
    this.byRefresh.delete(refreshToken);
    this.byAccess.delete(issued.accessToken);
    return this.issue(issued.lifeTimeDays);
  }

  /** DELETE /token/{accessToken}. Its refresh token stays usable, as only the access token is named. */
  remove(accessToken: string): void {
    this.check(accessToken);
    this.byAccess.delete(accessToken);
  }

  /** Throws FA1007 (unknown, deleted, replaced) or FA1008 (expired); returns the token's times. */
  check(accessToken: string | undefined): Issued {
    const issued = accessToken ? this.byAccess.get(accessToken) : undefined;
    if (!issued) throw new ApiFailure('FA1007');
    if (this.nowSec() >= issued.accessExp) throw new ApiFailure('FA1008');
    return issued;
  }

  /** What /internal/token/validation tells about an admin token (tokenType 1). */
  describe(accessToken: string) {
    const issued = this.check(accessToken);
    return {
      accessToken,
      accessIat: issued.accessIat,
      accessExp: issued.accessExp,
      partnerId: this.options.partnerId,
      ...ADMIN_PROFILE,
    };
  }

  private issue(lifeTimeDays: number): AdminTokensBody {
    const iat = this.nowSec();
    const issued: Issued = {
      accessToken: opaqueToken(),
      refreshToken: opaqueToken(),
      accessIat: iat,
      // "기본 24시간 + lifeTime 시간만큼 늘린다 (기준값 Day)": lifeTime counts in days.
      accessExp: iat + this.options.accessTtlSec + Math.round(lifeTimeDays * 86400),
      refreshIat: iat,
      refreshExp: iat + this.options.refreshTtlSec,
      lifeTimeDays,
    };
    this.byAccess.set(issued.accessToken, issued);
    this.byRefresh.set(issued.refreshToken, issued);
    return {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      accessIat: issued.accessIat,
      accessExp: issued.accessExp,
      refreshIat: issued.refreshIat,
      refreshExp: issued.refreshExp,
      partnerId: this.options.partnerId,
      ...ADMIN_PROFILE,
    };
  }

  private nowSec(): number {
    return Math.floor(this.options.now() / 1000);
  }
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * The guide hands the viewer JWT over base64-encoded (its samples are base64 of `eyJ…`); a raw
 * JWT is accepted as well. Returns the compact JWT or undefined.
 */
export function unwrapViewerToken(token: string): string | undefined {
  const text = token.trim();
  if (JWT.test(text)) return text;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined;
  const decoded = Buffer.from(text, 'base64').toString('utf8').trim();
  return JWT.test(decoded) ? decoded : undefined;
}

export type VerifiedViewer = ViewerClaims & JWTPayload;

export class ViewerTokenVerifier {
  private key: CryptoKey | undefined;

  constructor(
    private readonly options: { partnerId: string; now: () => number },
  ) {}

  get configured(): boolean {
    return this.key !== undefined;
  }

  /** The partner's RSA public key, SPKI PEM. Throws on a key jose cannot read. */
  async setPublicKey(pem: string): Promise<void> {
    this.key = await importSPKI(pem, 'RS256');
  }

  /**
   * FA1007 for anything not signed by the partner's key for this partner (wrong key, wrong alg,
   * tampered, not a JWT, no memberId, no exp: a viewer token that never expires is refused);
   * FA1008 once `exp` has passed on the stand-in's clock.
   */
  async verify(token: string): Promise<VerifiedViewer> {
    if (!this.key) {
      throw new ApiFailure('FA1011', undefined, {
        message:
          '서버 내부 에러가 발생하였습니다. (stand-in: no viewer public key configured; pass viewerPublicKey to startStandin() or call setViewerPublicKey() / PUT /__control/viewer-key)',
      });
    }
    const jwt = unwrapViewerToken(token);
    if (!jwt) throw new ApiFailure('FA1007');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(jwt, this.key, {
        algorithms: ['RS256'],
        currentDate: new Date(this.options.now()),
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw new ApiFailure(error instanceof joseErrors.JWTExpired ? 'FA1008' : 'FA1007');
    }
    if (payload.partnerId !== this.options.partnerId) throw new ApiFailure('FA1007');
    if (typeof payload.memberId !== 'string' || payload.memberId === '') throw new ApiFailure('FA1007');
    return payload as VerifiedViewer;
  }
}

/** The validation answer for a viewer token, as the guide's example: the claims and the token as sent. */
export function viewerValidationBody(accessToken: string, claims: VerifiedViewer) {
  const body: Record<string, unknown> = {
    accessToken,
    partnerId: claims.partnerId,
    memberId: claims.memberId,
  };
  if (claims.nickName !== undefined) body.nickName = claims.nickName;
  // The guide's defaults for the optional claims.
  body.age = claims.age ?? 'etc';
  body.gender = claims.gender ?? 'e';
  body.memberType = claims.memberType ?? '0';
  return body;
}
