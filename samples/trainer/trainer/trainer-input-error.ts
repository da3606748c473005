/** Input the trainer refuses before any training starts (an output folder it cannot write, nothing to resume). */
export class TrainerInputError extends Error {
  override readonly name = 'TrainerInputError';
}
