/** A half-open range `[start, end)` of the flat parameter vector. */
export interface ShardRange {
  readonly start: number;
  readonly end: number;
}

/** Rank `rank`'s contiguous share of `count` elements split over `worldSize` ranks, sizes differing by at most 1. */
export function shardRange(count: number, worldSize: number, rank: number): ShardRange {
  return { start: Math.floor((count * rank) / worldSize), end: Math.floor((count * (rank + 1)) / worldSize) };
}
