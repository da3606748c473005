/** The line of the code that calls this function, as a stack shows it (source-mapped as plugboard's call sites are). */
export function callerLine(): number {
  const frame = new Error().stack?.split('\n')[2] ?? '';
  return Number(/:(\d+):\d+\)?$/.exec(frame)?.[1]);
}
