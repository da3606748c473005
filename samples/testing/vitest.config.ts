// vitest runs this sample's *.vitest.ts files; the *.test.ts files beside them are jest's.
// vitest 4 transforms TypeScript with oxc, which lowers only experimentalDecorators-style decorators: without
// `decorator.legacy`, Node 20 meets the raw `@RegisterPlugin` and fails with "SyntaxError: Invalid or unexpected
// token". plugboard's decorators work in both modes.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { decorator: { legacy: true } },
  test: { include: ['**/*.vitest.ts'] },
});
