/**
 * The scoring modules import each other without a cycle (a listed debt once: prepare → fitted-model → accuracy-model
 * → features → prepare). A cycle makes module order matter in the worker bundle and hides which file owns what.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(__dirname, '..', '..', 'src', 'domain', 'scoring');

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(DIR, file), 'utf8');
    graph.set(file.replace(/\.ts$/, ''), [...text.matchAll(/from '\.\/([\w-]+)'/g)].map((m) => m[1]!));
  }
  return graph;
}

function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (n: string) => {
    const at = stack.indexOf(n);
    if (at >= 0) {
      found.push([...stack.slice(at), n].join(' → '));
      return;
    }
    if (done.has(n)) return;
    stack.push(n);
    for (const m of graph.get(n) ?? []) visit(m);
    stack.pop();
    done.add(n);
  };
  for (const n of graph.keys()) visit(n);
  return found;
}

describe('src/domain/scoring imports', () => {
  it('finds a cycle when there is one', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual(['a → b → c → a']);
  });

  it('has no import cycle', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(20);
    expect(cycles(graph)).toEqual([]);
  });
});
