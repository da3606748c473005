/** Round tick values from 0 (or `min`) up to at least `max`, about `count` of them: 0, 0.2, 0.4, ... */
export function niceTicks(min: number, max: number, count: number): number[] {
  const span = max > min ? max - min : Math.abs(max) || 1;
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const step = (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let value = first; value < max + step * 0.999; value += step) ticks.push(Number(value.toPrecision(12)));
  return ticks;
}
