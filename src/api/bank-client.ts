/**
 * The host's copy of the question bank. The bank holds every answer key, so the app's build does not contain
 * it (every guest downloads the build): a host's device fetches it from GET /api/bank with the host token,
 * keeps it in IndexedDB (`kv` row `question-bank`) and installs it for the planner, so planning works offline
 * after one online visit. Guests never have a token the server answers with the bank.
 */
import { Question } from '../domain/questions';
import { BankNotLoadedError, hasQuestionBank, installQuestionBank } from '../domain/planning';
import { appDb } from '../storage/db';
import { BANK_ENDPOINT, type BankResponse } from './bank-protocol';

export const BANK_KV_KEY = 'question-bank';

interface StoredBank {
  version: string;
  savedAt: number;
  items: readonly unknown[];
}

export interface BankOnDevice {
  size: number;
  savedAt: number;
}

let installedVersion: string | null = null;
let pending: Promise<BankOnDevice> | null = null;

function install(stored: StoredBank): BankOnDevice {
  if (installedVersion !== stored.version || !hasQuestionBank()) {
    const questions: Question[] = [];
    for (const item of stored.items) {
      const parsed = Question.safeParse(item);
      // An item this version of the app cannot read (a newer server) is left out rather than failing the plan.
      if (parsed.success) questions.push(parsed.data);
    }
    if (questions.length === 0) throw new BankNotLoadedError('the copy on this device holds no question this app can read');
    installQuestionBank(questions);
    installedVersion = stored.version;
  }
  return { size: stored.items.length, savedAt: stored.savedAt };
}

async function storedBank(): Promise<StoredBank | null> {
  const row = await appDb().kv.get(BANK_KV_KEY);
  const v = row?.value as Partial<StoredBank> | undefined;
  return v && typeof v.version === 'string' && Array.isArray(v.items) ? (v as StoredBank) : null;
}

async function download(token: string, stored: StoredBank | null, fetchImpl: typeof fetch): Promise<BankOnDevice> {
  let res: Response;
  try {
    res = await fetchImpl(BANK_ENDPOINT, {
      headers: { Authorization: `Bearer ${token}`, ...(stored ? { 'If-None-Match': `"${stored.version}"` } : {}) },
      cache: 'no-store',
    });
  } catch {
    if (stored) return install(stored);
    throw new BankNotLoadedError('the server cannot be reached');
  }
  if (res.status === 304 && stored) return install(stored);
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: unknown; code?: unknown };
    if (stored) return install(stored); // e.g. an expired host link: the copy on this device still plans
    // A refused link: the server's sentence already says what happened and what to do.
    if (res.status === 401 && typeof body.error === 'string' && typeof body.code === 'string' && body.code.startsWith('link-')) {
      throw new BankNotLoadedError(undefined, body.error);
    }
    throw new BankNotLoadedError(`the server refused to send it: ${typeof body.error === 'string' ? body.error : res.status}`);
  }
  const body = (await res.json()) as Partial<BankResponse>;
  if (typeof body.version !== 'string' || !Array.isArray(body.items)) throw new BankNotLoadedError('the server sent something that is not a question bank');
  const fresh: StoredBank = { version: body.version, savedAt: Date.now(), items: body.items };
  const result = install(fresh);
  await appDb().kv.put({ key: BANK_KV_KEY, value: fresh });
  return result;
}

function once(work: () => Promise<BankOnDevice>): Promise<BankOnDevice> {
  pending ??= work().finally(() => {
    pending = null;
  });
  return pending;
}

/**
 * Brings this device's copy up to date when the server can be reached (a 304 when it already is), and installs
 * it. Offline, or with a refused token, the copy already on the device is used; without one it throws
 * BankNotLoadedError with the reason.
 */
export function refreshQuestionBank(token: string, fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<BankOnDevice> {
  return once(async () => download(token, await storedBank(), fetchImpl));
}

/** Makes the bank available to the planner: already installed, from this device's copy, or downloaded with `token`. */
export async function ensureQuestionBank(token: string | null, fetchImpl?: typeof fetch): Promise<void> {
  if (hasQuestionBank()) return;
  await once(async () => {
    const stored = await storedBank();
    if (stored) return install(stored);
    if (!token) throw new BankNotLoadedError();
    return download(token, null, fetchImpl ?? globalThis.fetch.bind(globalThis));
  });
}
