/**
 * Imports between folders of src/ point one way: surfaces → commands → reminders →
 * replies/csv → runtime → usecases → db → tariffs → domain → calendar → core. A file may
 * import from its own folder or from a lower layer, never sideways or up; so no two
 * folders can import each other, directly or round a loop. Type-only imports count too:
 * they are the coupling a newcomer has to untangle, whatever the compiler erases.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../../src');

/** Lowest first. A unit is a folder of src/ or a file at its top. */
const LAYERS: string[][] = [
  ['core'],
  ['config.ts', 'log.ts', 'metrics.ts'],
  ['i18n'],
  ['calendar'],
  ['domain'],
  ['tariffs'],
  ['db'],
  ['usecases'],
  // The timeline picture is pure drawing: below the replies that carry it, beside runtime.ts.
  ['runtime.ts', 'timeline'],
  ['replies', 'csv'],
  ['reminders'],
  ['commands', 'feeds'],
  ['slack', 'shell.ts'],
  ['cli'],
  ['main.ts'],
];

interface ImportEdge {
  file: string;
  from: string;
  to: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(path);
    return /\.(ts|mts|mjs|js)$/.test(e.name) ? [path] : [];
  });
}

/** The unit of a path relative to src/: its first folder, or the file itself at the top. */
function unitOf(pathInSrc: string): string {
  const [first, ...rest] = pathInSrc.split('/');
  return rest.length ? first! : pathInSrc;
}

// Static imports and re-exports (`import … from`, `import '…'`, `export … from`) and
// dynamic `import('…')`, relative specifiers only.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g;

function importEdges(src = SRC): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const path of filesUnder(src)) {
    const file = relative(src, path);
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(SPECIFIER)) {
      const target = relative(src, resolve(dirname(path), m[2]!));
      if (target.startsWith('..')) continue;
      const from = unitOf(file);
      const to = unitOf(target);
      if (from !== to) edges.push({ file, from, to });
    }
  }
  return edges;
}

function layerOf(unit: string): number {
  return LAYERS.findIndex((layer) => layer.includes(unit));
}

/** Edges that go sideways or up, as readable lines. */
function wrongWay(edges: ImportEdge[]): string[] {
  return edges
    .filter((e) => layerOf(e.to) >= layerOf(e.from))
    .map((e) => `${e.file} imports ${e.to} (layer ${layerOf(e.to)}) from ${e.from} (layer ${layerOf(e.from)})`);
}

/** Folder-level cycles, each as `a → b → … → a`. */
function cycles(edges: ImportEdge[]): string[] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) (next.get(e.from) ?? next.set(e.from, new Set()).get(e.from)!).add(e.to);
  const found = new Set<string>();
  const walk = (start: string, node: string, path: string[]) => {
    for (const to of next.get(node) ?? []) {
      if (to === start) found.add([...path, to].join(' → '));
      else if (!path.includes(to) && to > start) walk(start, to, [...path, to]);
    }
  };
  for (const unit of next.keys()) walk(unit, unit, [unit]);
  return [...found];
}

describe('import direction', () => {
  const edges = importEdges();

  it('finds the imports it checks (the scanner is not blind)', () => {
    expect(edges.length).toBeGreaterThan(100);
    expect(edges).toContainEqual(expect.objectContaining({ file: 'commands/router.ts', from: 'commands' }));
  });

  it('every folder and top-level file of src/ has a layer', () => {
    const units = new Set(filesUnder(SRC).map((p) => unitOf(relative(SRC, p))));
    expect([...units].filter((u) => layerOf(u) < 0)).toEqual([]);
  });

  it('no import goes sideways or up a layer', () => {
    expect(wrongWay(edges)).toEqual([]);
  });

  it('no two folders import each other, directly or round a loop', () => {
    expect(cycles(edges)).toEqual([]);
  });

  it('the checks catch a wrong-way import and a cycle', () => {
    const bad = [
      { file: 'calendar/x.ts', from: 'calendar', to: 'commands' },
      { file: 'commands/y.ts', from: 'commands', to: 'calendar' },
    ];
    expect(wrongWay(bad)).toEqual(['calendar/x.ts imports commands (layer 11) from calendar (layer 3)']);
    expect(cycles(bad)).toEqual(['calendar → commands → calendar']);
  });
});
