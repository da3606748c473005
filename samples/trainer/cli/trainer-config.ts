import { z } from 'zod';

/** A plugin of one kind as text (`ddp(workers=4)`), or `auto`: the registry's recommendation for this machine. */
const kindShorthand = z.string().trim().min(1);

/**
 * A whole run in one file, LightningCLI style: the plugins (checked by plugboard) and every run setting. A
 * command-line flag overrides the file's value; `--print-config` writes one back.
 */
export const trainerConfigSchema = z.strictObject({
  $schema: z.string().optional().describe('The JSON Schema of this file, for editors'),
  $origins: z
    .array(z.string())
    .optional()
    .describe('Written by --print-config: where each plugin and option came from, for people (not read)'),
  plugins: z
    .unknown()
    .optional()
    .describe('A selection string, or an array of aliases and { "alias": ..., "options": { ... } }'),
  strategy: kindShorthand.optional().describe('The strategy as text, such as "ddp(workers=4)", or "auto"'),
  precision: kindShorthand.optional().describe('The precision as text, such as "bf16-mixed", or "auto"'),
  epochs: z.int().min(1).optional().describe('Train until this many epochs are complete (default 30)'),
  seed: z.int().min(0).optional().describe('Seed of the data, the initial weights and the shuffles (default 7)'),
  modelSize: z
    .string()
    .regex(/^(small|medium|large|xlarge|\d+(x\d+)*)$/i)
    .optional()
    .describe('small (default), medium, large, xlarge, or hidden widths such as 512x512'),
  batchSize: z.int().min(1).optional().describe('The global batch size (default 32)'),
  learningRate: z.number().gt(0).optional().describe("Adam's learning rate (default 0.02)"),
  checkpointDir: z.string().min(1).optional().describe('Save last.<ext> there after every epoch'),
  resume: z.string().min(1).optional().describe('A checkpoint to continue, or "last" (<checkpointDir>/last.<ext>)'),
  report: z.string().min(1).optional().describe('Write report.md and loss-curve.svg there'),
  setupTimeoutMs: z
    .int()
    .min(1)
    .max(2_147_483_647)
    .optional()
    .describe("The time limit of each plugin's asynchronous set-up, in milliseconds"),
});

/** A trainer config file, as read and checked. */
export type TrainerConfigFile = z.infer<typeof trainerConfigSchema>;

/** The keys a trainer config file may have. */
export const trainerConfigKeys: readonly string[] = Object.keys(trainerConfigSchema.shape);
