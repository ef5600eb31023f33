// The import graph of src/lib keeps its layers: no module cycle, the pure cores
// never reach the app (state, storage, editor, components, document, Svelte
// files), and storage, the document and the editor never reach state. Imports are read with
// TypeScript's own pre-processor (type-only imports and `export … from` count:
// a core must not even name an app type), so no graph package is needed.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '../..');
const LIB = join(ROOT, 'src/lib');

const CORES = ['import', 'lint', 'typeset', 'layout', 'model'];
const APP_FOLDERS = ['state', 'storage', 'editor', 'components', 'document'];


/** Every .ts (and .svelte.ts) file under a folder, as paths relative to the repository. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts') ? [relative(ROOT, path)] : [];
  });
}

/** The file a relative specifier names, as Vite and TypeScript would find it; null for packages. */
function resolveSpecifier(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(ROOT, dirname(from), specifier.replace(/\?.*$/, ''));
  const candidates = [base, `${base}.ts`, `${base}.svelte.ts`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  if (!found) throw new Error(`${from}: cannot resolve import '${specifier}'`);
  return relative(ROOT, found);
}

function specifiersOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

function importsOf(file: string): string[] {
  return specifiersOf(file).map((s) => resolveSpecifier(file, s)).filter((f): f is string => f !== null);
}

// Packages that need a page, a database or Node: a core importing one is no longer pure,
// even where its types happen to compile without the DOM.
const APP_PACKAGES = /^(svelte|prosemirror-view|idb|y-indexeddb|y-prosemirror|@hocuspocus\/|node:)/;

const files = sourceFiles(LIB);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const edges = [...graph].flatMap(([from, tos]) => tos.map((to) => ({ from, to })));

/** The src/lib folder (or top-level src folder, e.g. components) a file belongs to. */
function area(file: string): string {
  const parts = file.split('/');
  return parts[1] === 'lib' ? parts[2] : parts[1];
}

const isSvelte = (file: string) => file.endsWith('.svelte') || file.endsWith('.svelte.ts');

type Edge = { from: string; to: string };

/** Edges from a pure core to the app or to a Svelte file. */
const coreLeaks = (edges: Edge[]) =>
  edges.filter((e) => CORES.includes(area(e.from)) && (APP_FOLDERS.includes(area(e.to)) || isSvelte(e.to)));

/** Edges from storage, the document or the editor into state. */
const stateLeaks = (edges: Edge[]) =>
  edges.filter((e) => ['storage', 'document', 'editor'].includes(area(e.from)) && area(e.to) === 'state');

const label = ({ from, to }: { from: string; to: string }) => `${from} → ${to}`;

/** Strongly connected components with more than one module (or a self-import): Tarjan's algorithm. */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue; // outside src/lib: cannot lead back in through scanned files
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)!.includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('import graph of src/lib', () => {
  it('reads the graph it checks', () => {
    // Guards the parser: if it found no edges, every rule below would pass vacuously.
    expect(files).toContain('src/lib/layout/index.ts');
    expect(graph.get('src/lib/layout/jumps.ts')).toContain('src/lib/model/schema.ts');
    expect(edges.length).toBeGreaterThan(100);
  });

  it('has no cycle between modules', () => {
    const found = cycles(graph).map((c) => c.join(', '));
    expect(found).toEqual([]);
  });

  it('keeps the pure cores away from the app and from Svelte files', () => {
    expect(coreLeaks(edges).map(label)).toEqual([]);
  });

  it('keeps the pure cores away from packages that need a page, a database or Node', () => {
    const bad = files
      .filter((f) => CORES.includes(area(f)))
      .flatMap((f) => specifiersOf(f).filter((s) => APP_PACKAGES.test(s)).map((s) => `${f} → ${s}`));
    expect(bad).toEqual([]);
    expect(APP_PACKAGES.test('prosemirror-view')).toBe(true);
    expect(APP_PACKAGES.test('prosemirror-model')).toBe(false);
  });

  it('keeps storage, the document and the editor from reaching into state', () => {
    const bad = stateLeaks(edges);
    expect(bad.map(label)).toEqual([]);
  });

  it('would catch a cycle, a core leak and a state leak', () => {
    // The rules are only as good as their detection: each one on a small graph that breaks it.
    const made = new Map([
      ['src/lib/lint/a.ts', ['src/lib/model/b.ts']],
      ['src/lib/model/b.ts', ['src/lib/model/c.ts']],
      ['src/lib/model/c.ts', ['src/lib/lint/a.ts']],
      ['src/lib/model/d.ts', ['src/lib/model/b.ts']],
    ]);
    expect(cycles(made)).toEqual([['src/lib/lint/a.ts', 'src/lib/model/b.ts', 'src/lib/model/c.ts']]);
    const leaks: Edge[] = [
      { from: 'src/lib/layout/x.ts', to: 'src/lib/state/app.svelte.ts' },
      { from: 'src/lib/typeset/x.ts', to: 'src/components/layout/baseline.svelte.ts' },
      { from: 'src/lib/model/x.ts', to: 'src/lib/model/y.ts' },
      { from: 'src/lib/storage/x.ts', to: 'src/lib/state/view.ts' },
      { from: 'src/lib/state/x.ts', to: 'src/lib/storage/db.ts' },
      { from: 'src/lib/document/x.ts', to: 'src/lib/state/idle.ts' },
    ];
    expect(coreLeaks(leaks)).toEqual([leaks[0], leaks[1]]);
    expect(stateLeaks(leaks)).toEqual([leaks[3], leaks[5]]);
    // The parser sees type-only imports, re-exports and dynamic imports.
    const info = ts.preProcessFile("import type { A } from '../state/app.svelte';\nexport { b } from './b';\nconst c = await import('./c');", true, true);
    expect(info.importedFiles.map((f) => f.fileName)).toEqual(['../state/app.svelte', './b', './c']);
  });
});
