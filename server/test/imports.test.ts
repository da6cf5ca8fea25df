// The service's imports, read from the files (TypeScript's own pre-processor, so type-only and
// dynamic imports count too): they form no circle, and the running service reaches neither the
// widget (src/) nor the build's scripts (scripts/) nor the tests. Issue 25: the arrows go one way.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every module under server/ (declaration files aside), as paths from the repository's root. */
function modules(folder = join(ROOT, 'server')): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return modules(path);
    return /\.(ts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative(ROOT, path)] : [];
  });
}

/** What a module imports by relative path, resolved to files (`./x.js` is `./x.ts` where that exists). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return importedFiles
    .map((i) => i.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => {
      const path = resolve(ROOT, dirname(file), name);
      const source = path.replace(/\.js$/, '.ts');
      return relative(ROOT, !existsSync(path) && existsSync(source) ? source : path);
    });
}

type Graph = Map<string, string[]>;

/** The circles among the modules (strongly connected components of more than one, or a self-import). */
function circles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component = stack.splice(stack.indexOf(file));
    if (component.length > 1 || graph.get(file)?.includes(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

/** Imports from code the service runs (everything under server/ but its tests) into the widget, the scripts or the tests. */
function outside(graph: Graph): string[] {
  return [...graph]
    .filter(([file]) => !file.startsWith('server/test/'))
    .flatMap(([file, imports]) =>
      imports
        .filter((target) => /^(src|scripts|test|server\/test)\//.test(target))
        .map((target) => `${file} -> ${target}`),
    );
}

const graph: Graph = new Map(modules().map((file) => [file, importsOf(file)]));

test('the modules of server/ import one another without a circle', () => {
  assert.ok(graph.size > 50, `read the service's modules (${graph.size})`);
  assert.deepEqual(circles(graph), []);
});

test('the service imports neither the widget, nor the scripts, nor the tests', () => {
  assert.deepEqual(outside(graph), []);
});

test('the checks see a circle, and an import into scripts/ or src/, when there is one', () => {
  // On a made-up graph: a check that cannot fail proves nothing.
  const made: Graph = new Map([
    ['server/a.ts', ['server/b.ts']],
    ['server/b.ts', ['server/c.ts', 'scripts/x.mjs']],
    ['server/c.ts', ['server/a.ts', 'src/y.ts']],
    ['server/d.ts', ['server/a.ts']],
    ['server/test/e.test.ts', ['scripts/x.mjs']],
  ]);
  assert.deepEqual(circles(made), [['server/a.ts', 'server/b.ts', 'server/c.ts']]);
  assert.deepEqual(outside(made), ['server/b.ts -> scripts/x.mjs', 'server/c.ts -> src/y.ts']);
  assert.ok(importsOf('server/main.ts').includes('server/app.ts'), 'a .js specifier resolves to its .ts file');
});
