import { Worker } from 'node:worker_threads';
import type { RankWorkerData } from './worker-protocol.js';

/**
 * Starts a worker thread running `rank-worker` with `data`. Compiled to JavaScript, the worker loads natively.
 * From TypeScript sources (tsx, or jest with ts-jest) it cannot: Node 20 applies neither `--import tsx` nor
 * jest's transform to worker threads. So the worker first registers tsx's ESM loader itself, then imports the
 * `.ts` entry, which works the same under `tsx`, `node --import tsx` and jest.
 */
export function spawnRankWorker(data: RankWorkerData): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './rank-worker.ts' : './rank-worker.js', import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData: data });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap =
    `import(${JSON.stringify(tsx)})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}
