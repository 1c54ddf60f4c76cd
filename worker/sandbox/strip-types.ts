/**
 * Turns a candidate's TypeScript or JavaScript into a script the sandbox can evaluate: types are stripped and
 * `export` becomes an assignment to `exports` (sucrase, which does no type checking: a candidate's type error
 * must not stop code that would run). Syntax errors come back with their line and column.
 */
import { transform } from 'sucrase';
import { CodeError } from './evaluate';
import type { SandboxLanguage } from './protocol';

export function toScript(source: string, language: SandboxLanguage): string {
  try {
    return transform(source, { transforms: language === 'typescript' ? ['typescript', 'imports'] : ['imports'], disableESTransforms: true }).code;
  } catch (err) {
    const loc = (err as { loc?: { line?: unknown } } | null)?.loc;
    throw new CodeError(`the code does not compile: ${err instanceof Error ? err.message : String(err)}`, typeof loc?.line === 'number' ? loc.line : undefined);
  }
}
