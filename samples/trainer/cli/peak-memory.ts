import { bytes } from './format.js';

/**
 * The process's resident memory as the machine sees it, sampled while training: worker threads live in this
 * process, so their heaps, the copies sent to and from them, and Node's own memory all count. Sampled at the
 * start and at every step and epoch event.
 */
export class PeakMemory {
  readonly #read: () => number;
  readonly baseline: number;
  #peak: number;

  constructor(read: () => number = () => process.memoryUsage.rss()) {
    this.#read = read;
    this.baseline = read();
    this.#peak = this.baseline;
  }

  /** The highest resident memory sampled. */
  get peak(): number {
    return this.#peak;
  }

  /** Takes a sample. */
  sample(): void {
    this.#peak = Math.max(this.#peak, this.#read());
  }

  /** The line the CLI prints beside the counted figure, which lists only the buffers the run allocates. */
  line(counted: number): string {
    return (
      `memory measured: peak resident ${bytes(this.#peak)}, ${bytes(this.#peak - this.baseline)} above the ` +
      `${bytes(this.baseline)} before training (the buffers counted above: ${bytes(counted)})`
    );
  }
}
