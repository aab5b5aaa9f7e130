/**
 * Plain JSON routes over the one HTTP path of request.ts: our own backend's token, product, consult,
 * stats and payments routes. Apart from request.ts because the code a page downloads first (the main
 * entry, the loader's prefetch) only calls sauceFlex, through the envelope reader.
 */
import { HttpError } from './errors.js';
import { send, type Answer, type RequestOptions } from './request.js';

/** A plain JSON answer of a 2xx status (anything else is an `HttpError` carrying the parsed body). */
export interface JsonResult<T> {
  status: number;
  body: T;
}

/** Send one request to a plain JSON route (our own backend); throws a `SauceflexError` subclass on any failure. */
export function requestJson<T = unknown>(options: RequestOptions): Promise<JsonResult<T>> {
  return send(options, parseJson<T>);
}

function parseJson<T>(method: string, url: string, res: Answer): JsonResult<T> {
  let json: unknown;
  let valid = true;
  try {
    json = res.text === '' ? undefined : JSON.parse(res.text);
  } catch {
    valid = false;
  }
  // An error answer keeps its parsed body (our backend's `{error: {code, message}}`) for the caller.
  if (!res.ok) throw new HttpError(method, url, res.status, 'The server answered with an error status', res.text, json);
  if (!valid) throw new HttpError(method, url, res.status, 'The answer is not valid JSON', res.text);
  return { status: res.status, body: json as T };
}
