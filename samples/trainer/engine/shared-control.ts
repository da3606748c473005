const COUNT = 0;
const GENERATION = 1;
const HOST_DONE = 2;
const ABORTED = 3;
const CELLS = 4;

/**
 * Synchronisation between worker threads on one shared Int32Array: a reusable barrier, the handshake with the
 * host (main thread) for offloaded optimizer steps, and an abort flag that wakes every waiter. A failed worker
 * is noticed by the main thread, which aborts the others; the timeout (`timeoutMs`) is only a backstop so that
 * nothing can hang forever.
 */
export class SharedControl {
  readonly cells: Int32Array;
  readonly #worldSize: number;
  readonly #timeoutMs: number;

  constructor(cells: Int32Array, worldSize: number, timeoutMs = 300_000) {
    this.cells = cells;
    this.#worldSize = worldSize;
    this.#timeoutMs = timeoutMs;
  }

  /** The shared cells for a new group. */
  static allocate(): Int32Array {
    return new Int32Array(new SharedArrayBuffer(CELLS * Int32Array.BYTES_PER_ELEMENT));
  }

  /** Blocks until all `worldSize` ranks have called it (worker threads only: it uses Atomics.wait). */
  barrier(): void {
    const cells = this.cells;
    const generation = Atomics.load(cells, GENERATION);
    if (Atomics.add(cells, COUNT, 1) === this.#worldSize - 1) {
      Atomics.store(cells, COUNT, 0);
      Atomics.add(cells, GENERATION, 1);
      Atomics.notify(cells, GENERATION);
    } else {
      while (Atomics.load(cells, GENERATION) === generation) this.#wait(GENERATION, generation, 'the other workers');
    }
    this.#checkAborted();
  }

  /** Blocks until the host has finished host step `sequence` (worker threads only). */
  waitForHost(sequence: number): void {
    for (let done = Atomics.load(this.cells, HOST_DONE); done < sequence; done = Atomics.load(this.cells, HOST_DONE)) {
      this.#wait(HOST_DONE, done, 'the host optimizer');
    }
    this.#checkAborted();
  }

  /** Tells the workers that host step `sequence` is done (main thread). */
  completeHostStep(sequence: number): void {
    Atomics.store(this.cells, HOST_DONE, sequence);
    Atomics.notify(this.cells, HOST_DONE);
  }

  /** Wakes every waiting worker with an error (main thread, when the run fails or is closed). */
  abort(): void {
    Atomics.store(this.cells, ABORTED, 1);
    Atomics.add(this.cells, GENERATION, 1);
    Atomics.notify(this.cells, GENERATION);
    Atomics.add(this.cells, HOST_DONE, 1 << 30);
    Atomics.notify(this.cells, HOST_DONE);
  }

  #wait(cell: number, value: number, waitingFor: string): void {
    this.#checkAborted();
    if (Atomics.wait(this.cells, cell, value, this.#timeoutMs) === 'timed-out') {
      throw new Error(`Timed out after ${this.#timeoutMs} ms waiting for ${waitingFor}.`);
    }
  }

  #checkAborted(): void {
    if (Atomics.load(this.cells, ABORTED) !== 0) throw new Error('The training group was aborted.');
  }
}
