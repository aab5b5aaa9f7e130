/**
 * How every data element loads what it shows: one `@lit/task` run per change of `args`, the
 * previous run aborted (its `AbortSignal`) and its late answer dropped, a status to render by.
 *
 * - A full load (new args, `reload()`) forgets the value first: the element shows its skeleton.
 * - `update(step)` changes the shown value in place (refresh, "more"): no skeleton, and a failure
 *   keeps what is shown (the step's caller hears of it).
 * - `quiet(previous, next)`: an args change that refreshes in place instead (the coupon panel when
 *   only the viewer changed); its failure keeps what is shown too.
 * - `skip(args)`: nothing to load for these args (no id yet, the session still on its way).
 * - Disconnected: a run in flight is aborted; connected again, a load that never finished runs again.
 */
import { initialState, shallowArrayEquals, Task, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type DataStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface DataOptions<A extends readonly unknown[], T> {
  args: () => A;
  load: (args: A, signal: AbortSignal) => Promise<T>;
  skip?: (args: A) => boolean;
  quiet?: (previous: A, next: A) => boolean;
  /** A load failed (never called for an aborted one). `inPlace`: the value shown was kept. */
  onError?: (error: unknown, inPlace: boolean) => void;
}

type Step<T> = {
  run: (current: T, signal: AbortSignal) => Promise<T>;
  settle: (applied: boolean, error?: unknown) => void;
};

const STATUS: Record<number, DataStatus> = {
  [TaskStatus.INITIAL]: 'idle',
  [TaskStatus.PENDING]: 'loading',
  [TaskStatus.COMPLETE]: 'ready',
  [TaskStatus.ERROR]: 'error',
};

export class DataController<const A extends readonly unknown[], T> implements ReactiveController {
  private readonly task: Task<A, T>;
  private current?: { args: A; value: T };
  private step?: Step<T>;
  private interrupted = false;
  /** The args of the last update, to run only when they change (as @lit/task's autoRun does). */
  private args?: A;
  private seeded = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: DataOptions<A, T>,
  ) {
    host.addController(this);
    this.task = new Task<A, T>(host, {
      task: (args, { signal }) => this.perform(args, signal),
      args: options.args,
      // Runs are started by hostUpdate() below, which leaves a skipped load alone: a card given its
      // broadcast has nothing to load, and a run would cost it two more updates and an AbortController.
      autoRun: false,
      // Task's own hook: called as the status turns to error, so listeners see the error state next.
      onError: (error) => options.onError?.(error, false),
    });
  }

  /** What the last load (or step) produced; undefined while a full load runs, after a failure, or when skipped. */
  get value(): T | undefined {
    return this.current?.value;
  }

  get status(): DataStatus {
    // A value given by the server (seed()), or kept when a run was interrupted, is a loaded one.
    if (this.task.status === TaskStatus.INITIAL && this.current) return 'ready';
    return STATUS[this.task.status]!;
  }

  /**
   * Start from a value loaded elsewhere (rendered on the server and embedded in the page): shown at
   * once, and no load runs for the args of the next update; a later change of args loads as usual.
   */
  seed(value: T): void {
    this.current = { args: this.options.args(), value };
    this.seeded = true;
  }

  get error(): unknown {
    return this.task.error;
  }

  /** Settles when the run in flight does (resolves at once when none is): for tests and stories. */
  get taskComplete(): Promise<unknown> {
    return this.task.taskComplete;
  }

  /** Load again from scratch (the retry button). */
  reload(): Promise<void> {
    this.current = undefined;
    return this.task.run();
  }

  /** The failed load is tried again (the browser came back online). */
  retryIfFailed(): void {
    if (this.status === 'error') void this.reload();
  }

  /**
   * Change the shown value in place. Resolves true once applied, false when there was nothing to
   * change or a newer run superseded it; rejects with the step's failure (the value stays).
   */
  update(run: (current: T, signal: AbortSignal) => Promise<T>): Promise<boolean> {
    if (!this.current) return Promise.resolve(false);
    return new Promise<boolean>((resolve, reject) => {
      this.step?.settle(false);
      this.step = { run, settle: (applied, error) => (error === undefined ? resolve(applied) : reject(error)) };
      void this.task.run();
    });
  }

  /** Before each update of the host: run when the args changed, unless there is nothing to load and nothing to clear. */
  hostUpdate(): void {
    const args = this.options.args();
    const previous = this.args;
    this.args = args;
    if (this.seeded) {
      this.seeded = false;
      if (this.current) this.current = { args, value: this.current.value };
      return;
    }
    if (previous && shallowArrayEquals(previous, args)) return;
    if (this.task.status === TaskStatus.INITIAL && this.options.skip?.(args)) return;
    void this.task.run(args);
  }

  hostConnected(): void {
    if (this.interrupted) {
      this.interrupted = false;
      void this.task.run();
    }
  }

  hostDisconnected(): void {
    if (this.task.status !== TaskStatus.PENDING) return;
    this.interrupted = !this.current;
    this.task.abort();
  }

  private async perform(args: A, signal: AbortSignal): Promise<T | typeof initialState> {
    const step = this.step;
    this.step = undefined;
    if (this.options.skip?.(args)) {
      step?.settle(false);
      this.current = undefined;
      return initialState;
    }
    const shown = this.current;
    const quiet = shown && (step || this.options.quiet?.(shown.args, args)) ? shown : undefined;
    if (!quiet) this.current = undefined;
    try {
      const value = step && quiet ? await step.run(quiet.value, signal) : await this.options.load(args, signal);
      signal.throwIfAborted();
      this.current = { args, value };
      step?.settle(true);
      return value;
    } catch (error) {
      // Superseded or disconnected: a newer run (or reconnection) decides what is shown.
      if (signal.aborted) {
        step?.settle(false);
        return initialState;
      }
      if (quiet) {
        this.current = { args, value: quiet.value };
        if (step) step.settle(false, error);
        else this.options.onError?.(error, true);
        return quiet.value;
      }
      throw error;
    }
  }
}
