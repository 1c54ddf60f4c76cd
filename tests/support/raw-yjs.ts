/**
 * A hand-built Yjs update encoder for attack tests: writes any struct the v1 update format allows (items of every
 * content kind, with any client id, clock, origin and parent; GC and Skip structs; any delete set), which the Yjs
 * API never would. The struct framing is written here byte by byte; each content's own bytes come from Yjs's
 * content classes, so the server reads exactly what a real encoder would produce.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

export interface RawId {
  client: number;
  clock: number;
}

export type RawContent =
  | { kind: 'any'; values: unknown[] }
  | { kind: 'json'; values: unknown[] }
  | { kind: 'embed'; value: object }
  | { kind: 'string'; text: string }
  | { kind: 'binary'; bytes: Uint8Array }
  | { kind: 'format'; key: string; value: unknown }
  | { kind: 'type'; type: 'map' | 'array' | 'text' }
  | { kind: 'deleted'; length: number }
  | { kind: 'doc'; guid: string };

export const CONTENT_KINDS: ReadonlyArray<RawContent['kind']> = ['any', 'json', 'embed', 'string', 'binary', 'format', 'type', 'deleted', 'doc'];

export type RawStruct =
  | { type: 'item'; content: RawContent; origin?: RawId; rightOrigin?: RawId; parent?: string | RawId; parentSub?: string }
  | { type: 'gc'; length: number }
  | { type: 'skip'; length: number };

/** Consecutive structs of one client, starting at `clock`. */
export interface RawBlock {
  client: number;
  clock: number;
  structs: RawStruct[];
}

export interface RawDeletes {
  client: number;
  ranges: Array<[clock: number, len: number]>;
}

interface EncodableContent {
  getRef(): number;
  getLength(): number;
  write(e: Y.UpdateEncoderV1, offset: number): void;
}

function contentOf(c: RawContent): EncodableContent {
  switch (c.kind) {
    case 'any':
      return new Y.ContentAny(c.values);
    case 'json':
      return new Y.ContentJSON(c.values);
    case 'embed':
      return new Y.ContentEmbed(c.value);
    case 'string':
      return new Y.ContentString(c.text);
    case 'binary':
      return new Y.ContentBinary(c.bytes);
    case 'format':
      return new Y.ContentFormat(c.key, c.value as object);
    case 'type':
      return new Y.ContentType(c.type === 'map' ? new Y.Map() : c.type === 'array' ? new Y.Array() : new Y.Text());
    case 'deleted':
      return new Y.ContentDeleted(c.length);
    case 'doc':
      return new Y.ContentDoc(new Y.Doc({ guid: c.guid }));
  }
}

/** The number of clocks a struct takes. */
export function rawLength(s: RawStruct): number {
  return s.type === 'item' ? contentOf(s.content).getLength() : s.length;
}

const BIT8 = 0x80;
const BIT7 = 0x40;
const BIT6 = 0x20;

/** A Yjs v1 update holding exactly these structs and deletions. */
export function encodeRawUpdate(blocks: readonly RawBlock[], deletes: readonly RawDeletes[] = []): Uint8Array {
  const e = new Y.UpdateEncoderV1();
  const rest = e.restEncoder;
  encoding.writeVarUint(rest, blocks.length);
  for (const block of blocks) {
    encoding.writeVarUint(rest, block.structs.length);
    e.writeClient(block.client);
    encoding.writeVarUint(rest, block.clock);
    for (const s of block.structs) {
      if (s.type === 'gc') {
        e.writeInfo(0);
        e.writeLen(s.length);
        continue;
      }
      if (s.type === 'skip') {
        e.writeInfo(10);
        encoding.writeVarUint(rest, s.length);
        continue;
      }
      const content = contentOf(s.content);
      const info = (content.getRef() & 0x1f) | (s.origin ? BIT8 : 0) | (s.rightOrigin ? BIT7 : 0) | (s.parentSub !== undefined ? BIT6 : 0);
      e.writeInfo(info);
      if (s.origin) e.writeLeftID(Y.createID(s.origin.client, s.origin.clock));
      if (s.rightOrigin) e.writeRightID(Y.createID(s.rightOrigin.client, s.rightOrigin.clock));
      if (!s.origin && !s.rightOrigin) {
        const parent = s.parent ?? '';
        if (typeof parent === 'string') {
          e.writeParentInfo(true);
          e.writeString(parent);
        } else {
          e.writeParentInfo(false);
          e.writeLeftID(Y.createID(parent.client, parent.clock));
        }
        if (s.parentSub !== undefined) e.writeString(s.parentSub);
      }
      content.write(e, 0);
    }
  }
  encoding.writeVarUint(rest, deletes.length);
  for (const d of deletes) {
    encoding.writeVarUint(rest, d.client);
    encoding.writeVarUint(rest, d.ranges.length);
    for (const [clock, len] of d.ranges) {
      encoding.writeVarUint(rest, clock);
      encoding.writeVarUint(rest, len);
    }
  }
  return e.toUint8Array();
}

/** The y-websocket frame that carries an update (sync message, sub-type update). */
export function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}
