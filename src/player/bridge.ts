/**
 * The sauceFlex player's bridge, the web transport: how a page that embeds the player in an iframe hears
 * the events sauceFlex documents for it (SAUCEFLEX-PLAYER.md: `sauceflexMoveProduct`, `sauceflexOnShare`,
 * …, with their payloads).
 *
 * sauceFlex documents the events and payloads for its app webviews, not how a web page receives them
 * (DESIGN.md, open questions). What we assume, here and only here:
 * - the player page posts each event to its parent with `window.parent.postMessage(message, '*')`;
 * - `message` is `{ event: '<documented name>', payload?: { …documented fields } }`, or that object as a
 *   JSON string (what webview bridges often post);
 * - events without a documented payload carry none (anything there is ignored).
 * When sauceFlex documents its transport, this module changes and nothing else does.
 *
 * A message is read only when it comes from the player's own frame (`event.source`) and origin; one of
 * the wrong shape is ignored and counted, never thrown. No DOM beyond the `MessageEvent` it is handed.
 */

/** Every event the player documents, the names on the wire. */
export const BRIDGE_EVENTS = [
  'sauceflexEnter',
  'sauceflexBroadcastStatus',
  'sauceflexMoveBanner',
  'sauceflexMoveExit',
  'sauceflexMoveLogin',
  'sauceflexMoveProduct',
  'sauceflexOnShare',
  'sauceflexPictureInPicture',
  'sauceflexSendPlayTime',
] as const;
export type BridgeEventName = (typeof BRIDGE_EVENTS)[number];

/** A documented event, its payload checked and typed. */
export type BridgeEvent =
  | { name: 'sauceflexEnter' }
  | { name: 'sauceflexBroadcastStatus'; payload: { broadcastStateCode: string } }
  | { name: 'sauceflexMoveBanner'; payload: { linkUrl: string; broadcastIdx?: string | number; bannerId?: string | number } }
  | { name: 'sauceflexMoveExit' }
  | { name: 'sauceflexMoveLogin' }
  | {
      name: 'sauceflexMoveProduct';
      payload: { linkUrl: string; broadcastIdx?: string | number; price?: string | number; externalProductId: string | null; isSoldout: boolean };
    }
  | { name: 'sauceflexOnShare'; payload: { linkUrl: string; shortUrl: string | null } }
  | { name: 'sauceflexPictureInPicture' }
  | { name: 'sauceflexSendPlayTime'; payload: { position: number } };

/** Why a message was not read: another frame or origin, not our envelope, an event we do not know, or a payload of the wrong shape. */
export type IgnoredReason = 'source' | 'origin' | 'shape' | 'event' | 'payload';

export type BridgeReading = { ok: true; event: BridgeEvent } | { ok: false; reason: IgnoredReason; detail: string };

/** The most a JSON-string message may weigh before it is not even parsed. */
const MAX_STRING = 16_384;
/** A payload's strings: a link, an id, a code. Longer is not something the player sends. */
const MAX_FIELD = 4_096;

/** What the player page posts for `name` (the stand-in's player page uses this too, so both sides agree). */
export function bridgeMessage(name: BridgeEventName, payload?: Record<string, unknown>): { event: BridgeEventName; payload?: Record<string, unknown> } {
  return payload === undefined ? { event: name } : { event: name, payload };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_FIELD;
const isId = (value: unknown): value is string | number => (typeof value === 'number' && Number.isFinite(value)) || isText(value);
const optional = (value: unknown, check: (v: unknown) => boolean) => value === undefined || check(value);

/**
 * Reads one message event. `frame` is the player's window (the iframe's `contentWindow`), `origin` the
 * player page's origin: anything from elsewhere is ignored before its data is looked at.
 */
export function readBridgeMessage(event: Pick<MessageEvent, 'data' | 'origin' | 'source'>, frame: unknown, origin: string): BridgeReading {
  if (!frame || event.source !== frame) return { ok: false, reason: 'source', detail: `from another window (origin ${event.origin || 'unknown'})` };
  if (event.origin !== origin) return { ok: false, reason: 'origin', detail: `origin ${event.origin || 'null'} is not the player's (${origin})` };
  let data: unknown = event.data;
  if (typeof data === 'string') {
    if (data.length > MAX_STRING) return { ok: false, reason: 'shape', detail: `a string of ${data.length} characters` };
    try {
      data = JSON.parse(data);
    } catch {
      return { ok: false, reason: 'shape', detail: 'a string that is not JSON' };
    }
  }
  if (!isRecord(data)) return { ok: false, reason: 'shape', detail: `not an object (${data === null ? 'null' : typeof data})` };
  const name = data.event;
  if (typeof name !== 'string') return { ok: false, reason: 'shape', detail: 'no "event" name' };
  if (!(BRIDGE_EVENTS as readonly string[]).includes(name)) return { ok: false, reason: 'event', detail: `unknown event ${JSON.stringify(name.slice(0, 60))}` };
  const checked = readPayload(name as BridgeEventName, data.payload);
  return checked ? { ok: true, event: checked } : { ok: false, reason: 'payload', detail: `${name} with a payload of the wrong shape` };
}

/** The documented payload of `name`, checked field by field; undefined when it does not fit. */
function readPayload(name: BridgeEventName, raw: unknown): BridgeEvent | undefined {
  switch (name) {
    case 'sauceflexEnter':
    case 'sauceflexMoveExit':
    case 'sauceflexMoveLogin':
    case 'sauceflexPictureInPicture':
      return { name };
  }
  if (!isRecord(raw)) return undefined;
  switch (name) {
    case 'sauceflexBroadcastStatus':
      return isText(raw.broadcastStateCode) && raw.broadcastStateCode.length <= 40 ? { name, payload: { broadcastStateCode: raw.broadcastStateCode } } : undefined;
    case 'sauceflexMoveBanner':
      if (!isText(raw.linkUrl) || !optional(raw.broadcastIdx, isId) || !optional(raw.bannerId, isId)) return undefined;
      return { name, payload: { linkUrl: raw.linkUrl, broadcastIdx: raw.broadcastIdx as string | number | undefined, bannerId: raw.bannerId as string | number | undefined } };
    case 'sauceflexMoveProduct': {
      const { linkUrl, broadcastIdx, price, externalProductId, isSoldout } = raw;
      if (!isText(linkUrl) || !optional(broadcastIdx, isId)) return undefined;
      if (!optional(price, (p) => (typeof p === 'number' && Number.isFinite(p)) || (typeof p === 'string' && p.length <= 40))) return undefined;
      if (!optional(externalProductId, (v) => v === null || isText(v)) || !optional(isSoldout, (v) => typeof v === 'boolean')) return undefined;
      return {
        name,
        payload: {
          linkUrl,
          broadcastIdx: broadcastIdx as string | number | undefined,
          price: price as string | number | undefined,
          externalProductId: (externalProductId as string | null | undefined) ?? null,
          isSoldout: isSoldout === true,
        },
      };
    }
    case 'sauceflexOnShare':
      if (!isText(raw.linkUrl) || !optional(raw.shortUrl, (v) => v === null || isText(v))) return undefined;
      return { name, payload: { linkUrl: raw.linkUrl, shortUrl: (raw.shortUrl as string | null | undefined) ?? null } };
    case 'sauceflexSendPlayTime':
      return typeof raw.position === 'number' && Number.isFinite(raw.position) && raw.position >= 0 ? { name, payload: { position: raw.position } } : undefined;
  }
}

export interface BridgeOptions {
  /** The player's window now (the iframe's `contentWindow`; it changes when the player moves). */
  frame: () => Window | null | undefined;
  /** The player page's origin. */
  origin: () => string | undefined;
  onEvent: (event: BridgeEvent) => void;
  onIgnored: (reason: IgnoredReason, detail: string) => void;
}

/**
 * Listens on `target` (the page's window, and a picture-in-picture window while the player is there)
 * for the player's messages. Returns the function that stops listening.
 */
export function listenToPlayer(target: Window, options: BridgeOptions): () => void {
  const onMessage = (event: MessageEvent) => {
    const origin = options.origin();
    const reading = origin ? readBridgeMessage(event, options.frame(), origin) : ({ ok: false, reason: 'source', detail: 'no player loaded' } as const);
    if (reading.ok) options.onEvent(reading.event);
    else options.onIgnored(reading.reason, reading.detail);
  };
  target.addEventListener('message', onMessage);
  return () => target.removeEventListener('message', onMessage);
}
