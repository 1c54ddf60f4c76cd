/**
 * What a server kept of what it allocated between two heap snapshots (bench:sync --heap-snapshots-server): the
 * objects of the second snapshot that the first did not have, grouped by what they are and by where they hang.
 *
 * V8 gives a heap object its snapshot id when a snapshot first sees it and keeps it across later snapshots of the same
 * process (the heap profiler follows objects the GC moves once a snapshot was taken), so ids above the first
 * snapshot's highest are objects allocated after it; a snapshot collects all garbage first, so those in the second are
 * the ones still alive then. That is what the old generation has to hold and mark: objects that outlived the young
 * generation and were not yet dropped. Something kept per update shows up as thousands of one kind of object hanging
 * from one place. An object that was promoted and then died before the second snapshot is not seen (it costs a
 * promotion, not a mark-compact's marking); an object that lives a few seconds is seen in proportion to its lifetime.
 *
 * The format (`.heapsnapshot`, V8's HeapSnapshotJSONSerializer): flat `nodes` and `edges` arrays whose fields are
 * named in `snapshot.meta`; an edge's `to_node` is the index of its target's first field in `nodes`, and a node's
 * edges follow those of the nodes before it (`edge_count`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The parts of a `.heapsnapshot` read here. */
export interface HeapSnapshotJson {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: ArrayLike<number>;
  edges: ArrayLike<number>;
  strings: string[];
}

/** One kind of new object (constructor, or what V8 calls it) or one place they hang from, with their count and bytes. */
export interface Group {
  key: string;
  count: number;
  bytes: number;
}

export interface SnapshotDiff {
  /** The first snapshot's highest object id: objects above it are new. */
  sinceId: number;
  newCount: number;
  newBytes: number;
  /** New objects by what they are (self sizes), largest first. */
  byKind: Group[];
  /**
   * New objects by the path from the nearest object the first snapshot already had (the anchor) down to them, through
   * the retainers nearest the GC roots: where what is kept is kept. Largest first.
   */
  byRetainer: Group[];
}

/**
 * Reads a `.heapsnapshot`. Its number arrays are scanned straight from the bytes into typed arrays: a server's
 * snapshot can be larger than the longest string V8 makes (512 MiB), which JSON.parse of the whole file needs.
 */
export function readHeapSnapshot(file: string): HeapSnapshotJson {
  const buf = fs.readFileSync(file);
  const find = (marker: string, from: number): number => {
    const at = buf.indexOf(marker, from);
    if (at < 0) throw new Error(`${file}: no ${marker} (not a V8 heap snapshot?)`);
    return at + marker.length;
  };
  const nodesAt = find('"nodes":[', 0);
  const head = buf.toString('utf8', 0, nodesAt - '"nodes":['.length).trimEnd().replace(/,$/, '');
  const { snapshot } = JSON.parse(`${head}}`) as { snapshot: HeapSnapshotJson['snapshot'] & { node_count: number; edge_count: number } };
  const nodes = readNumbers(buf, nodesAt, snapshot.node_count * snapshot.meta.node_fields.length);
  const edges = readNumbers(buf, find('"edges":[', nodes.end), snapshot.edge_count * snapshot.meta.edge_fields.length);
  const stringsAt = find('"strings":[', edges.end) - 1;
  const end = buf.lastIndexOf(']');
  const strings = JSON.parse(buf.toString('utf8', stringsAt, end + 1)) as string[];
  return { snapshot, nodes: nodes.values, edges: edges.values, strings };
}

/** `count` non-negative integers, comma separated, from `start`; where the scan stopped. */
function readNumbers(buf: Buffer, start: number, count: number): { values: Float64Array; end: number } {
  const values = new Float64Array(count);
  let i = start;
  for (let k = 0; k < count; k++) {
    let c = buf[i]!;
    while (c < 48 || c > 57) c = buf[++i]!; // commas, newlines
    let v = 0;
    while (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      c = buf[++i]!;
    }
    values[k] = v;
  }
  return { values, end: i };
}

/**
 * Whether a snapshot id is a heap object's. V8 numbers heap objects with odd ids, in the order its snapshots first
 * see them; nodes from the embedder's graph (Node's handles and wrappers) and some synthetic groupings get even ids
 * made from hashes, which say nothing about when anything was made.
 */
function isHeapObjectId(id: number): boolean {
  return id % 2 === 1;
}

/** The highest heap object id in a snapshot. */
export function highestId(snapshot: HeapSnapshotJson): number {
  const fields = snapshot.snapshot.meta.node_fields;
  const stride = fields.length;
  const idAt = fields.indexOf('id');
  let max = 0;
  for (let i = idAt; i < snapshot.nodes.length; i += stride) {
    const id = snapshot.nodes[i]!;
    if (isHeapObjectId(id) && id > max) max = id;
  }
  return max;
}

/** A snapshot's graph in typed arrays: per node its first edge, and the reverse edges (retainers). */
class Graph {
  readonly nodeCount: number;
  private readonly stride: number;
  private readonly edgeStride: number;
  private readonly f: { type: number; name: number; id: number; selfSize: number; edgeCount: number };
  private readonly e: { type: number; name: number; to: number };
  private readonly nodeTypes: string[];
  private readonly edgeTypes: string[];
  /** Index of each node's first edge (in edges, not fields); firstEdge[n + 1] ends it. */
  readonly firstEdge: Uint32Array;
  /** For each node, its retainers' edges (edge indexes, not fields), from firstRetainer[n] to firstRetainer[n + 1]. */
  private readonly firstRetainer: Uint32Array;
  private readonly retainerEdges: Uint32Array;
  /** The node each edge starts from. */
  private readonly edgeFrom: Uint32Array;

  constructor(readonly json: HeapSnapshotJson) {
    const meta = json.snapshot.meta;
    this.stride = meta.node_fields.length;
    this.edgeStride = meta.edge_fields.length;
    const at = (name: string, list: string[]) => {
      const i = list.indexOf(name);
      if (i < 0) throw new Error(`heap snapshot: no field ${name} in ${list.join(', ')}`);
      return i;
    };
    this.f = {
      type: at('type', meta.node_fields),
      name: at('name', meta.node_fields),
      id: at('id', meta.node_fields),
      selfSize: at('self_size', meta.node_fields),
      edgeCount: at('edge_count', meta.node_fields),
    };
    this.e = { type: at('type', meta.edge_fields), name: at('name_or_index', meta.edge_fields), to: at('to_node', meta.edge_fields) };
    this.nodeTypes = meta.node_types[0];
    this.edgeTypes = meta.edge_types[0];
    this.nodeCount = json.nodes.length / this.stride;
    const edgeCount = json.edges.length / this.edgeStride;
    this.firstEdge = new Uint32Array(this.nodeCount + 1);
    this.edgeFrom = new Uint32Array(edgeCount);
    for (let n = 0, edge = 0; n < this.nodeCount; n++) {
      this.firstEdge[n] = edge;
      const count = json.nodes[n * this.stride + this.f.edgeCount]!;
      this.edgeFrom.fill(n, edge, edge + count);
      edge += count;
      this.firstEdge[n + 1] = edge;
    }
    const retainerCount = new Uint32Array(this.nodeCount + 1);
    for (let edge = 0; edge < edgeCount; edge++) retainerCount[this.to(edge)]!++;
    this.firstRetainer = new Uint32Array(this.nodeCount + 1);
    for (let n = 0; n < this.nodeCount; n++) this.firstRetainer[n + 1] = this.firstRetainer[n]! + retainerCount[n]!;
    const fill = this.firstRetainer.slice(0, this.nodeCount);
    this.retainerEdges = new Uint32Array(edgeCount);
    for (let edge = 0; edge < edgeCount; edge++) this.retainerEdges[fill[this.to(edge)]!++] = edge;
  }

  to(edge: number): number {
    return this.json.edges[edge * this.edgeStride + this.e.to]! / this.stride;
  }

  edgeType(edge: number): string {
    return this.edgeTypes[this.json.edges[edge * this.edgeStride + this.e.type]!]!;
  }

  /**
   * A property's or variable's name; `[]` for an element or a numbered slot (a Map's table, a root list): the index
   * would make every path its own group.
   */
  edgeName(edge: number): string {
    const type = this.edgeType(edge);
    if (type === 'element' || type === 'hidden') return '[]';
    const name = this.json.strings[this.json.edges[edge * this.edgeStride + this.e.name]!]!;
    return /^\d+$/.test(name) ? '[]' : name;
  }

  from(edge: number): number {
    return this.edgeFrom[edge]!;
  }

  type(n: number): string {
    return this.nodeTypes[this.json.nodes[n * this.stride + this.f.type]!]!;
  }

  name(n: number): string {
    return this.json.strings[this.json.nodes[n * this.stride + this.f.name]!]!;
  }

  id(n: number): number {
    return this.json.nodes[n * this.stride + this.f.id]!;
  }

  selfSize(n: number): number {
    return this.json.nodes[n * this.stride + this.f.selfSize]!;
  }

  *retainers(n: number): Generator<number> {
    for (let i = this.firstRetainer[n]!; i < this.firstRetainer[n + 1]!; i++) yield this.retainerEdges[i]!;
  }

  /** What a node is, as a reader would name it: a plain object by its first property names, so shapes tell apart. */
  label(n: number): string {
    const type = this.type(n);
    const name = this.name(n);
    switch (type) {
      case 'object': {
        if (name !== 'Object') return name;
        const keys: string[] = [];
        for (let edge = this.firstEdge[n]!; edge < this.firstEdge[n + 1]! && keys.length < 5; edge++) {
          // Only properties that point at heap objects are edges: small integers (Smis) held in place are not.
          if (this.edgeType(edge) === 'property' && this.edgeName(edge) !== '__proto__') keys.push(this.edgeName(edge));
        }
        return `Object {${keys.join(', ')}}`;
      }
      case 'string':
      case 'concatenated string':
      case 'sliced string':
        return `(${type})`;
      case 'closure':
        return `closure ${name || '(anonymous)'}`;
      case 'number':
        return '(heap number)';
      default:
        return `(${type}) ${name.length > 60 ? `${name.slice(0, 57)}...` : name}`.trimEnd();
    }
  }

  /** Distance of every node from the root (node 0) over strong edges, for choosing each node's main retainer. */
  distances(): Uint32Array {
    const dist = new Uint32Array(this.nodeCount).fill(0xffffffff);
    const queue = new Uint32Array(this.nodeCount);
    let head = 0;
    let tail = 0;
    dist[0] = 0;
    queue[tail++] = 0;
    while (head < tail) {
      const n = queue[head++]!;
      for (let edge = this.firstEdge[n]!; edge < this.firstEdge[n + 1]!; edge++) {
        if (this.edgeType(edge) === 'weak') continue;
        const to = this.to(edge);
        if (dist[to] !== 0xffffffff) continue;
        dist[to] = dist[n]! + 1;
        queue[tail++] = to;
      }
    }
    return dist;
  }
}

function add(groups: Map<string, Group>, key: string, bytes: number): void {
  let g = groups.get(key);
  if (!g) groups.set(key, (g = { key, count: 0, bytes: 0 }));
  g.count++;
  g.bytes += bytes;
}

function sorted(groups: Map<string, Group>): Group[] {
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes || b.count - a.count);
}

/** Steps a retainer path climbs from a new object at most before it gives up looking for an old anchor. */
const MAX_PATH = 8;

/**
 * The objects of `after` with ids above `sinceId` (the first snapshot's highest, `highestId`), grouped by kind and by
 * retainer path (see SnapshotDiff). Synthetic nodes (V8's roots and groupings) are not objects and are left out.
 * `untilId` (a later snapshot's highest id, `after` being a third one) keeps only the objects allocated up to then:
 * of what was new between two snapshots, what is still alive in a third, which tells the long-lived from the
 * short-lived.
 */
export function diffSnapshots(sinceId: number, after: HeapSnapshotJson, untilId = Number.POSITIVE_INFINITY): SnapshotDiff {
  const g = new Graph(after);
  const dist = g.distances();
  const byKind = new Map<string, Group>();
  const byRetainer = new Map<string, Group>();
  let newCount = 0;
  let newBytes = 0;
  for (let n = 0; n < g.nodeCount; n++) {
    const id = g.id(n);
    if (!isHeapObjectId(id) || id <= sinceId || id > untilId || g.type(n) === 'synthetic') continue;
    const bytes = g.selfSize(n);
    newCount++;
    newBytes += bytes;
    add(byKind, g.label(n), bytes);
    add(byRetainer, retainerPath(g, dist, n, sinceId), bytes);
  }
  return { sinceId, newCount, newBytes, byKind: sorted(byKind), byRetainer: sorted(byRetainer) };
}

/** `Anchor.edge > Kind.edge > ... > Kind`: from the nearest old object down to `n`, through its retainers nearest the roots. */
function retainerPath(g: Graph, dist: Uint32Array, n: number, sinceId: number): string {
  const steps: string[] = [g.label(n)];
  let current = n;
  for (let i = 0; i < MAX_PATH; i++) {
    let best = -1;
    for (const edge of g.retainers(current)) {
      if (g.edgeType(edge) === 'weak') continue;
      if (best < 0 || dist[g.from(edge)]! < dist[g.from(best)]!) best = edge;
    }
    if (best < 0) return `(unreachable) > ${steps.join(' > ')}`;
    const from = g.from(best);
    steps.unshift(`${g.label(from)}.${g.edgeName(best)}`);
    if (!isHeapObjectId(g.id(from)) || g.id(from) <= sinceId || g.type(from) === 'synthetic') return steps.join(' > ');
    current = from;
  }
  return `... > ${steps.join(' > ')}`;
}

/** The largest groups as lines, bytes and counts per update when `updates` is given. */
export function describeDiff(diff: SnapshotDiff, updates: number | null, top = 15): string[] {
  const per = (x: number) => (updates ? x / updates : x);
  const size = (b: number) => (updates ? `${per(b).toFixed(0)} B/update` : `${(b / 1024).toFixed(0)} KB`);
  const count = (c: number) => (updates ? `${per(c).toFixed(2)}/update` : `${c}`);
  const lines = [
    `new objects still alive: ${newLine(diff, updates)}`,
    'by kind:',
    ...diff.byKind.slice(0, top).map((x) => `  ${size(x.bytes)}, ${count(x.count)}  ${x.key}`),
    'by retainer path (from an object the first snapshot had):',
    ...diff.byRetainer.slice(0, top).map((x) => `  ${size(x.bytes)}, ${count(x.count)}  ${x.key}`),
  ];
  return lines;
}

function newLine(diff: SnapshotDiff, updates: number | null): string {
  const total = `${diff.newCount} objects, ${(diff.newBytes / 1024).toFixed(0)} KB`;
  return updates ? `${total} (${(diff.newBytes / updates).toFixed(0)} B and ${(diff.newCount / updates).toFixed(2)} objects per update, ${updates} updates)` : total;
}

/**
 * `node --import tsx scripts/bench-sync/heap-snapshot-diff.ts <first> <second> [--still-in <third>] [--updates N]`:
 * what was allocated between the first and second snapshot and is alive in the second (or, with --still-in, in the
 * third), per update when N is given.
 */
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i < 0 ? undefined : args.splice(i, 2)[1];
  };
  const third = option('--still-in');
  const updates = option('--updates');
  const [first, second] = args;
  if (!first || !second) {
    console.error('usage: heap-snapshot-diff.ts <first.heapsnapshot> <second.heapsnapshot> [--still-in <third.heapsnapshot>] [--updates N]');
    process.exit(2);
  }
  const sinceId = highestId(readHeapSnapshot(first));
  const secondSnapshot = readHeapSnapshot(second);
  const diff = third ? diffSnapshots(sinceId, readHeapSnapshot(third), highestId(secondSnapshot)) : diffSnapshots(sinceId, secondSnapshot);
  console.log(describeDiff(diff, updates ? Number(updates) : null, 30).join('\n'));
}
