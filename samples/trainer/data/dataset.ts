/**
 * Labelled points in shared memory, so worker threads read the same data without copies:
 * `features` is row-major (`size` rows of `dimensions`), `labels` holds class indices.
 */
export interface Dataset {
  readonly size: number;
  readonly dimensions: number;
  readonly classes: number;
  readonly features: Float64Array;
  readonly labels: Int32Array;
}

/** An empty data set of `size` points in SharedArrayBuffers. */
export function allocateDataset(size: number, dimensions: number, classes: number): Dataset {
  return {
    size,
    dimensions,
    classes,
    features: new Float64Array(new SharedArrayBuffer(size * dimensions * Float64Array.BYTES_PER_ELEMENT)),
    labels: new Int32Array(new SharedArrayBuffer(size * Int32Array.BYTES_PER_ELEMENT)),
  };
}
