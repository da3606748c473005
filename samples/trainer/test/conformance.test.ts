// The trainer's plugins keep plugboard's plugin contract (checkPluginConformance, issue 27): built in the
// trainer's own container, with an in-memory file system so that loggers and checkpoints write nothing.
import 'reflect-metadata';
import { describe, expect, it, jest } from '@jest/globals';
import { checkPluginConformance } from 'plugboard/testing';
import '../plugins/index.js';
import { trainerRegistry } from '../registry.js';
import { InMemoryFileSystem } from '../services/memory-file-system.js';
import { createTrainerContainer } from '../trainer/create-trainer.js';

// Data-parallel strategies start worker threads; a busy 2-core machine is slow at that.
jest.setTimeout(120_000);

describe("the trainer's plugins", () => {
  it('pass checkPluginConformance', async () => {
    const report = await checkPluginConformance(trainerRegistry, {
      container: () => createTrainerContainer({}, { fileSystem: new InMemoryFileSystem() }),
      timeoutMs: 20_000,
    });
    expect(report.failures).toEqual([]);
  });
});
