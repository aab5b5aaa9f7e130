/**
 * What the player tests count: hls.js instances alive and the requests they have in flight. Installed
 * by the tests (importing this module), not shipped: it patches the same hls.js module the engine
 * imports on demand — instances are those attached and not yet destroyed (the engine attaches right
 * after creating one), requests go through a counting subclass of the default loader.
 */
import Hls from 'hls.js/light';
import type { HlsConfig, Loader, LoaderCallbacks, LoaderConfiguration, LoaderContext } from 'hls.js';

const alive = new Set<Hls>();
let pendingRequests = 0;

/** hls.js instances created and not yet destroyed, on the whole page. */
export const hlsInstancesAlive = (): number => alive.size;
/** Requests hls.js has started and that have neither finished nor been aborted. */
export const hlsRequestsPending = (): number => pendingRequests;

type LoaderClass = new (config: HlsConfig) => Loader<LoaderContext>;

function countingLoader(Base: LoaderClass): LoaderClass {
  return class CountingLoader extends Base {
    private counted = false;

    private settle(): void {
      if (this.counted) {
        this.counted = false;
        pendingRequests--;
      }
    }

    override load(context: LoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      this.settle();
      this.counted = true;
      pendingRequests++;
      const settled = <A extends unknown[]>(callback: ((...args: A) => void) | undefined) => (...args: A) => {
        this.settle();
        callback?.(...args);
      };
      try {
        super.load(context, config, {
          ...callbacks,
          onSuccess: settled(callbacks.onSuccess),
          onError: settled(callbacks.onError),
          onTimeout: settled(callbacks.onTimeout),
          onAbort: settled(callbacks.onAbort),
        });
      } catch (error) {
        this.settle();
        throw error;
      }
    }

    override abort(): void {
      this.settle();
      super.abort();
    }

    override destroy(): void {
      this.settle();
      super.destroy();
    }
  };
}

const probed = Hls as unknown as { __sfProbe?: true };
if (!probed.__sfProbe) {
  probed.__sfProbe = true;
  Hls.DefaultConfig = { ...Hls.DefaultConfig, loader: countingLoader(Hls.DefaultConfig.loader as LoaderClass) };
  const { attachMedia, destroy } = Hls.prototype;
  Hls.prototype.attachMedia = function (this: Hls, ...args: Parameters<Hls['attachMedia']>) {
    alive.add(this);
    return attachMedia.apply(this, args);
  };
  Hls.prototype.destroy = function (this: Hls) {
    alive.delete(this);
    return destroy.apply(this);
  };
}
