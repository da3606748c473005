import type { Worker } from 'node:worker_threads';
import { groupMemory } from './group-memory.js';
import { allocateSharedBuffers } from './shared-buffers.js';
import type { FromWorker, RankWorkerData, SharedBuffers, ToWorker } from './worker-protocol.js';
import type { EngineConfig, ParallelPlan } from '../engine/engine-config.js';
import type { EpochTotals, StepReport } from '../engine/epoch-totals.js';
import { HostOptimizer } from '../engine/host-optimizer.js';
import type { MemoryReport } from '../engine/memory-report.js';
import type { EngineData } from '../engine/rank-engine.js';
import { assembleState, rankStateOf, type RankState } from '../engine/rank-state.js';
import { SharedControl } from '../engine/shared-control.js';
import type { TrainingState } from '../engine/training-state.js';

/** A reply that every worker sends once per request: its 'ready', its epoch, or its state. */
type Reply = Extract<FromWorker, { type: 'ready' | 'epoch' | 'state' }>;

interface Gathering {
  readonly type: Reply['type'];
  readonly replies: Map<number, Reply>;
  readonly resolve: (replies: Map<number, Reply>) => void;
  readonly reject: (error: Error) => void;
}

/**
 * `plan.worldSize` worker threads training one model over SharedArrayBuffers, and the main thread's side of
 * it: starting them, running epochs, gathering the sharded state, the host optimizer (offload), and
 * tearing everything down. A worker that fails fails the pending request and closes the group;
 * `close()` always terminates every worker.
 */
export class WorkerGroup {
  readonly #plan: ParallelPlan;
  readonly #shared: SharedBuffers;
  readonly #control: SharedControl;
  readonly #host: HostOptimizer | undefined;
  readonly #workers: Worker[] = [];
  #memory: MemoryReport | undefined;
  #gathering: Gathering | undefined;
  #onStep: ((report: StepReport) => void) | undefined;
  #failure: Error | undefined;
  #closed = false;
  #closing: Promise<void> | undefined;

  private constructor(plan: ParallelPlan, shared: SharedBuffers, host: HostOptimizer | undefined) {
    this.#plan = plan;
    this.#shared = shared;
    this.#control = new SharedControl(shared.control, plan.worldSize);
    this.#host = host;
  }

  /** Starts the workers (through `spawn`) with their parts of `state` and waits until all are ready. */
  static async start(
    spawn: (data: RankWorkerData) => Worker,
    config: EngineConfig,
    plan: ParallelPlan,
    data: EngineData,
    state: TrainingState,
  ): Promise<WorkerGroup> {
    const shared = allocateSharedBuffers(plan, state.parameters.length);
    shared.parameters?.set(state.parameters);
    const host =
      shared.parameters && shared.hostGradients
        ? new HostOptimizer(config, state.optimizer, state.lossScale, shared.parameters, shared.hostGradients)
        : undefined;
    const group = new WorkerGroup(plan, shared, host);
    try {
      const ready = await group.#gather('ready', () => {
        for (let rank = 0; rank < plan.worldSize; rank++) {
          group.#add(spawn({ rank, config, plan, shared, data, state: rankStateOf(state, plan, rank) }));
        }
      });
      group.#memory = groupMemory(plan, [...ready.values()], host, shared);
    } catch (error) {
      await group.close();
      throw error;
    }
    return group;
  }

  /** What the workers, the host and the shared buffers hold. */
  get memory(): MemoryReport {
    if (!this.#memory) throw new Error('The worker group has not started.');
    return this.#memory;
  }

  /** Runs epoch `epoch` on every worker; rank 0's steps go to `onStep`. */
  async runEpoch(epoch: number, onStep?: (report: StepReport) => void): Promise<EpochTotals> {
    this.#onStep = onStep;
    try {
      const replies = await this.#gather('epoch', () => {
        this.#post({ type: 'epoch', epoch });
      });
      const first = replies.get(0);
      if (first?.type !== 'epoch') throw new Error('Rank 0 did not report its epoch.');
      return first.totals;
    } finally {
      this.#onStep = undefined;
    }
  }

  /** Gathers the workers' (and the host's) parts into the whole training state after `epoch` epochs. */
  async state(epoch: number): Promise<TrainingState> {
    const replies = await this.#gather('state', () => {
      this.#post({ type: 'state' });
    });
    const parts: RankState[] = [];
    for (let rank = 0; rank < this.#plan.worldSize; rank++) {
      const reply = replies.get(rank);
      if (reply?.type !== 'state') throw new Error(`Rank ${String(rank)} did not report its state.`);
      parts.push(reply.state);
    }
    return assembleState(parts, this.#plan, epoch, this.#host?.state(), this.#shared.parameters);
  }

  /** Aborts any waiting worker and terminates all of them. Safe to call more than once: every call waits for the end. */
  close(): Promise<void> {
    this.#closing ??= this.#terminate();
    return this.#closing;
  }

  async #terminate(): Promise<void> {
    this.#closed = true;
    this.#control.abort();
    // A request still waiting (an epoch interrupted by Ctrl-C) fails instead of waiting forever.
    const gathering = this.#gathering;
    this.#gathering = undefined;
    gathering?.reject(this.#failure ?? new Error('The worker group was closed.'));
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }

  /** Listens to a new worker from the moment it exists, so no error or exit goes unheard. */
  #add(worker: Worker): void {
    const rank = this.#workers.length;
    this.#workers.push(worker);
    worker.on('message', (message: FromWorker) => {
      this.#receive(rank, message);
    });
    worker.on('error', (error) => {
      this.#fail(new Error(`Training worker ${String(rank)} failed: ${error.message}`, { cause: error }));
    });
    worker.on('exit', (code) => {
      if (!this.#closed) this.#fail(new Error(`Training worker ${String(rank)} exited with code ${String(code)}.`));
    });
  }

  #post(message: ToWorker): void {
    for (const worker of this.#workers) worker.postMessage(message);
  }

  /** Runs `send` and waits for a reply of `type` from every worker. */
  #gather(type: Reply['type'], send: () => void): Promise<Map<number, Reply>> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#closed) return Promise.reject(new Error('The worker group is closed.'));
    if (this.#gathering) return Promise.reject(new Error('The worker group is busy.'));
    return new Promise((resolve, reject) => {
      this.#gathering = { type, replies: new Map(), resolve, reject };
      send();
    });
  }

  #receive(rank: number, message: FromWorker): void {
    try {
      if (message.type === 'step') {
        this.#onStep?.(message.report);
      } else if (message.type === 'host-step') {
        this.#host?.step(message.foundInfinite);
        this.#control.completeHostStep(message.sequence);
      } else if (this.#gathering?.type === message.type) {
        const gathering = this.#gathering;
        gathering.replies.set(rank, message);
        if (gathering.replies.size === this.#plan.worldSize) {
          this.#gathering = undefined;
          gathering.resolve(gathering.replies);
        }
      }
    } catch (error) {
      this.#fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    const gathering = this.#gathering;
    this.#gathering = undefined;
    gathering?.reject(this.#failure);
    void this.close();
  }
}
