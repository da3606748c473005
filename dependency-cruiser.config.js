/**
 * plugboard's layers, lowest first: a folder may import its own layer's folders and the layers below,
 * never a layer above, and nothing under src/ imports an entry point. ARCHITECTURE.md describes the same
 * list; `npm run lint:deps` (part of `npm test`) fails on an upward import or any import cycle, type
 * imports included.
 */
export const layers = [
  ['errors', 'internal'],
  ['registry'],
  ['decorators', 'selection'],
  ['container', 'discovery'],
  ['testing', 'tsyringe', 'schema', 'lock'],
  ['cli'],
];
const entries = '^src/(index|registry|testing|tsyringe)[.]ts$';

const upward = layers.flatMap((layer, level) => {
  const above = layers.slice(level + 1).flat();
  if (above.length === 0) return [];
  return [
    {
      name: `layer-${layer.join('-')}`,
      comment: `${layer.join(' and ')} may import only ${layers
        .slice(0, level + 1)
        .flat()
        .join(', ')}.`,
      severity: 'error',
      from: { path: `^src/(${layer.join('|')})/` },
      to: { path: `^src/(${above.join('|')})/` },
    },
  ];
});

/** Folders of one layer stay apart (container does not import discovery), except errors and internal. */
const siblings = layers
  .filter((layer) => layer.length > 1 && layer[0] !== 'errors')
  .flatMap((layer) =>
    layer.map((folder) => ({
      name: `sibling-${folder}`,
      comment: `${folder} does not import the other folders of its layer.`,
      severity: 'error',
      from: { path: `^src/${folder}/` },
      to: { path: `^src/(${layer.filter((other) => other !== folder).join('|')})/` },
    })),
  );

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles (type imports too) make load order and layering fragile.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-entry-import',
      comment: 'Entry points (src/index.ts, src/registry.ts, ...) are for package users only.',
      severity: 'error',
      from: { path: '^src/[^/]+/' },
      to: { path: entries },
    },
    ...upward,
    ...siblings,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.build.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
