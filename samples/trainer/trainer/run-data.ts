import type { RunConfig } from './run-config.js';
import { spirals } from '../data/spirals.js';
import type { EngineData } from '../engine/rank-engine.js';
import { mixSeed } from '../numeric/mulberry32.js';

/** The training and validation spirals of a run, each drawn from its own stream of the run's seed. */
export function runData(run: RunConfig): EngineData {
  const { seed, data } = run;
  const common = { classes: data.classes, noise: data.noise, turns: data.turns };
  return {
    train: spirals({ ...common, pointsPerClass: data.pointsPerClass, seed: mixSeed(seed, 2) }),
    validation: spirals({ ...common, pointsPerClass: data.validationPointsPerClass, seed: mixSeed(seed, 3) }),
  };
}
