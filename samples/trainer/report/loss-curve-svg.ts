import { niceTicks } from './nice-ticks.js';

/** One line of the chart. */
export interface Series {
  readonly name: string;
  readonly color: string;
  readonly dashed?: boolean;
  /** `[x, y]` points, x ascending. */
  readonly points: readonly (readonly [number, number])[];
}

const WIDTH = 720;
const HEIGHT = 400;
const MARGIN = { top: 40, right: 24, bottom: 48, left: 64 };

/**
 * A self-contained SVG line chart (no library): axes with round ticks, one polyline per series, a legend.
 *
 * @example
 * lossCurveSvg('Loss', [{ name: 'train', color: '#2563eb', points: [[1, 1.05], [2, 0.9]] }]);
 */
export function lossCurveSvg(title: string, series: readonly Series[], xLabel = 'epoch', yLabel = 'loss'): string {
  const points = series.flatMap((s) => s.points).filter(([, y]) => Number.isFinite(y));
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const xTicks = niceTicks(Math.min(0, ...xs), Math.max(1, ...xs), 8);
  const yTicks = niceTicks(0, Math.max(1e-9, ...ys), 5);
  const [x0, x1] = [xTicks[0] ?? 0, xTicks.at(-1) ?? 1];
  const [y0, y1] = [yTicks[0] ?? 0, yTicks.at(-1) ?? 1];
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const sx = (x: number): number => MARGIN.left + ((x - x0) / (x1 - x0 || 1)) * plotWidth;
  const sy = (y: number): number => MARGIN.top + plotHeight - ((y - y0) / (y1 - y0 || 1)) * plotHeight;
  const r = (value: number): string => value.toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(WIDTH)}" height="${String(HEIGHT)}" viewBox="0 0 ${String(WIDTH)} ${String(HEIGHT)}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${String(WIDTH / 2)}" y="24" text-anchor="middle" font-size="15" font-weight="600">${escapeXml(title)}</text>`,
  ];
  for (const tick of yTicks) {
    parts.push(
      `<line x1="${r(MARGIN.left)}" y1="${r(sy(tick))}" x2="${r(WIDTH - MARGIN.right)}" y2="${r(sy(tick))}" stroke="#e5e7eb"/>`,
      `<text x="${r(MARGIN.left - 8)}" y="${r(sy(tick) + 4)}" text-anchor="end" fill="#374151">${formatTick(tick)}</text>`,
    );
  }
  for (const tick of xTicks) {
    parts.push(
      `<line x1="${r(sx(tick))}" y1="${r(MARGIN.top + plotHeight)}" x2="${r(sx(tick))}" y2="${r(MARGIN.top + plotHeight + 5)}" stroke="#6b7280"/>`,
      `<text x="${r(sx(tick))}" y="${r(MARGIN.top + plotHeight + 19)}" text-anchor="middle" fill="#374151">${formatTick(tick)}</text>`,
    );
  }
  parts.push(
    `<line x1="${r(MARGIN.left)}" y1="${r(MARGIN.top)}" x2="${r(MARGIN.left)}" y2="${r(MARGIN.top + plotHeight)}" stroke="#6b7280"/>`,
    `<line x1="${r(MARGIN.left)}" y1="${r(MARGIN.top + plotHeight)}" x2="${r(WIDTH - MARGIN.right)}" y2="${r(MARGIN.top + plotHeight)}" stroke="#6b7280"/>`,
    `<text x="${r(MARGIN.left + plotWidth / 2)}" y="${String(HEIGHT - 8)}" text-anchor="middle" fill="#111827">${escapeXml(xLabel)}</text>`,
    `<text transform="translate(16 ${r(MARGIN.top + plotHeight / 2)}) rotate(-90)" text-anchor="middle" fill="#111827">${escapeXml(yLabel)}</text>`,
  );
  series.forEach((s, index) => {
    const path = s.points
      .filter(([, y]) => Number.isFinite(y))
      .map(([x, y]) => `${r(sx(x))},${r(sy(y))}`)
      .join(' ');
    const dash = s.dashed === true ? ' stroke-dasharray="6 4"' : '';
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2"${dash} points="${path}"/>`);
    const ly = MARGIN.top + 12 + index * 18;
    const lx = WIDTH - MARGIN.right - 150;
    parts.push(
      `<line x1="${String(lx)}" y1="${String(ly)}" x2="${String(lx + 24)}" y2="${String(ly)}" stroke="${s.color}" stroke-width="2"${dash}/>`,
      `<text x="${String(lx + 30)}" y="${String(ly + 4)}" fill="#111827">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}
