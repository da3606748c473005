import type { Worker } from 'node:worker_threads';
import { spawnRankWorker } from '../worker/spawn-rank-worker.js';
import type { RankWorkerData } from '../worker/worker-protocol.js';

/**
 * The worker threads of a trainer's container: data-parallel strategies start their ranks through it, and
 * `terminateAll()` (on Ctrl-C, or when the container is torn down) ends every one still running.
 */
export class WorkerPool {
  readonly #live = new Set<Worker>();
  #started = 0;

  /** Starts a rank worker with `data`. */
  spawn(data: RankWorkerData): Worker {
    const worker = spawnRankWorker(data);
    this.#started++;
    this.#live.add(worker);
    worker.once('exit', () => this.#live.delete(worker));
    return worker;
  }

  /** Workers started so far, and how many of them still run. */
  get counts(): { started: number; running: number } {
    return { started: this.#started, running: this.#live.size };
  }

  /** Terminates every worker still running. */
  async terminateAll(): Promise<void> {
    const workers = [...this.#live];
    this.#live.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  /** The same as terminateAll: `await using pool`, or the container's teardown. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.terminateAll();
  }
}
