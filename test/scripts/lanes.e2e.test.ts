import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../cli/plugboard-package.js';

// Issue 27: npm test runs its checks before jest in two lanes; a lane's failure fails npm test, its phase lines
// show as they come, and the rest of its output shows in one piece when it ends.
const lanes = path.join(repoRoot, 'scripts/lanes.mjs');
const node = (code: string) => `"${process.execPath}" -e "${code}"`;

function run(...commandLines: string[]) {
  return spawnSync(process.execPath, [lanes, ...commandLines], { encoding: 'utf8', timeout: 30_000 });
}

describe('scripts/lanes.mjs', () => {
  it('runs the lanes side by side and exits 0 when all pass, holding each lane’s other output until it ends', () => {
    const first = node("console.log('▶ one…'); console.log('detail of one'); console.log('✔ one (0.1 s)')");
    const second = node("console.log('▶ two…'); console.error('warning of two'); console.log('✔ two (0.1 s)')");
    const result = run(first, second);

    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    for (const line of ['▶ one…', '✔ one (0.1 s)', '▶ two…', '✔ two (0.1 s)', 'detail of one', 'warning of two']) {
      expect(lines).toContain(line);
    }
    // Held output comes after its lane's last phase line.
    expect(lines.indexOf('detail of one')).toBeGreaterThan(lines.indexOf('✔ one (0.1 s)'));
  });

  it("exits with a failing lane's code, after the other lanes have finished", () => {
    const result = run(node('process.exit(3)'), node("setTimeout(() => console.log('✔ slow (0.3 s)'), 300)"));

    expect(result.status).toBe(3);
    expect(result.stdout).toContain('✔ slow (0.3 s)');
  });

  it('says how to use it when given no lane', () => {
    const result = run();

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: node scripts/lanes.mjs');
  });
});
