/**
 * The question bank on the server, answer keys included. It is installed for the server's planner once and
 * served whole to hosts (GET /api/bank), whose devices keep it in IndexedDB for offline planning. It is
 * never part of the built app, which every guest downloads.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { questionBank, RAW_BANK } from '../../src/domain/bank/index';
import { installQuestionBank } from '../../src/domain/planning/bank-query';
import type { BankResponse } from '../../src/api/bank-protocol';

export interface ServerBank {
  /** Items in bank order. */
  size: number;
  /** Strong ETag over the body: a host's device asks again with If-None-Match and gets 304 while it is current. */
  etag: string;
  json: Buffer;
  gzip: Buffer;
}

let loaded: ServerBank | null = null;

/** Parses the bank (throwing on an item the schema refuses), installs it for planning, and keeps its body. */
export function serverBank(): ServerBank {
  if (loaded) return loaded;
  installQuestionBank(questionBank());
  const version = createHash('sha256').update(JSON.stringify(RAW_BANK)).digest('base64url').slice(0, 22);
  const body: BankResponse = { version, items: RAW_BANK };
  const json = Buffer.from(JSON.stringify(body));
  loaded = { size: RAW_BANK.length, etag: `"${version}"`, json, gzip: gzipSync(json) };
  return loaded;
}
