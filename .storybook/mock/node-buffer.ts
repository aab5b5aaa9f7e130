/**
 * `node:buffer` for the browser, just what demo/standin/paging.ts uses (base64 nextKeys):
 * `Buffer.from(text, 'utf8' | 'base64').toString('base64' | 'utf8')`. Aliased in main.ts.
 */
class BrowserBuffer {
  private constructor(private readonly bytes: Uint8Array) {}

  static from(value: string, encoding: 'utf8' | 'base64' = 'utf8'): BrowserBuffer {
    if (encoding === 'base64') return new BrowserBuffer(Uint8Array.from(atob(value), (c) => c.charCodeAt(0)));
    return new BrowserBuffer(new TextEncoder().encode(value));
  }

  toString(encoding: 'utf8' | 'base64' = 'utf8'): string {
    if (encoding === 'base64') return btoa(String.fromCharCode(...this.bytes));
    return new TextDecoder().decode(this.bytes);
  }
}

export const Buffer = BrowserBuffer;
export default { Buffer };
