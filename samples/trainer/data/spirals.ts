import { allocateDataset, type Dataset } from './dataset.js';
import { gaussian, mulberry32 } from '../numeric/mulberry32.js';

/** How to draw an interleaved-spirals data set. */
export interface SpiralsOptions {
  /** Points per class. */
  readonly pointsPerClass: number;
  /** Number of spiral arms, one per class. */
  readonly classes: number;
  /** Standard deviation of the angle noise, in radians. */
  readonly noise: number;
  /** Full turns of each arm. */
  readonly turns: number;
  readonly seed: number;
}

/**
 * `classes` interleaved spiral arms in the unit disc, drawn deterministically from `seed`: a classic data set
 * that a linear model cannot separate and a small MLP can.
 *
 * @example
 * const data = spirals({ pointsPerClass: 200, classes: 3, noise: 0.2, turns: 1, seed: 7 });
 */
export function spirals(options: SpiralsOptions): Dataset {
  const { pointsPerClass, classes, noise, turns, seed } = options;
  const random = mulberry32(seed);
  const data = allocateDataset(pointsPerClass * classes, 2, classes);
  let row = 0;
  for (let point = 0; point < pointsPerClass; point++) {
    for (let label = 0; label < classes; label++) {
      const t = (point + 0.5) / pointsPerClass;
      const angle = (2 * Math.PI * label) / classes + 2 * Math.PI * turns * t + noise * gaussian(random);
      data.features[2 * row] = t * Math.cos(angle);
      data.features[2 * row + 1] = t * Math.sin(angle);
      data.labels[row] = label;
      row++;
    }
  }
  return data;
}
