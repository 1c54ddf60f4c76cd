/**
 * A random key per browser profile, kept in localStorage under `storageKey`: tells this device apart from others
 * where names cannot (two people with the same name, one person with two laptops). Where storage is blocked the key
 * lasts as long as the page.
 */
const fallbacks = new Map<string, string>();

function randomKey(): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function browserKey(storageKey: string): string {
  try {
    const existing = window.localStorage.getItem(storageKey);
    if (existing) return existing;
    const key = randomKey();
    window.localStorage.setItem(storageKey, key);
    return key;
  } catch {
    let key = fallbacks.get(storageKey);
    if (!key) fallbacks.set(storageKey, (key = randomKey()));
    return key;
  }
}
