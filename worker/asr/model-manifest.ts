/**
 * The model manifest (models/manifest.json): which speech models exist, where their files live, and the size and
 * SHA-256 every file must have. Free of DOM and transformers.js so the app, the worker and scripts share it.
 */
import { z } from '../../src/domain/zod-mini';

export const ASR_DTYPES = ['q8', 'fp32'] as const;
export type AsrDtype = (typeof ASR_DTYPES)[number];

const Sha256 = z.string().check(z.regex(/^[0-9a-f]{64}$/));
/** A relative path inside the model folder: no leading slash, no "." or ".." segments. */
const RelativePath = z.string().check(
  z.minLength(1),
  z.regex(/^[\w.-]+(\/[\w.-]+)*$/, 'a relative path'),
  z.refine(
    (p) => p.split('/').every((seg) => seg !== '.' && seg !== '..'),
    'a path that stays inside the model folder',
  ),
);

export const ModelFileEntry = z.object({
  /** Path inside the model folder, e.g. "onnx/encoder_model_quantized.onnx". */
  path: RelativePath,
  /** Only ONNX weights have a dtype; configs and the tokenizer are needed by every dtype. */
  dtype: z.optional(z.enum(ASR_DTYPES)),
  /** Null until pinned (`npm run models:fetch -- --pin`); unpinned files are loaded but reported as unverified. */
  size: z.nullable(z.number().check(z.int(), z.nonnegative())),
  sha256: z.nullable(Sha256),
});
export type ModelFileEntry = z.infer<typeof ModelFileEntry>;

export const ModelEntry = z.object({
  id: z.string().check(z.regex(/^[\w.-]+$/)),
  label: z.string(),
  /** Folder of the model, relative to the manifest's own URL (same origin: /models/<path>/...). */
  path: RelativePath,
  /** Where the files come from on the Hugging Face hub, used only when the user allows it. */
  hub: z.optional(
    z.object({ repo: z.string().check(z.regex(/^[\w.-]+\/[\w.-]+$/)), revision: z.string().check(z.minLength(1)) }),
  ),
  languages: z.array(z.string()),
  multilingual: z.boolean(),
  dtypes: z.array(z.enum(ASR_DTYPES)).check(z.minLength(1)),
  defaultDtype: z.enum(ASR_DTYPES),
  /** Rough download size per dtype, for the UI before exact sizes are pinned. */
  approxBytes: z.optional(z.record(z.string(), z.number())),
  generated: z.optional(z.record(z.string(), z.unknown())),
  files: z.array(ModelFileEntry).check(z.minLength(1)),
});
export type ModelEntry = z.infer<typeof ModelEntry>;

export const ModelManifest = z.object({
  version: z.literal(1),
  defaultModel: z.optional(z.string()),
  models: z.array(ModelEntry),
  /** Set by the server (INTERQ_TEST_MODELS=1) when it offers generated test models: screens show a banner. */
  testModels: z.optional(z.boolean()),
});
export type ModelManifest = z.infer<typeof ModelManifest>;

export class ManifestError extends Error {
  override name = 'ManifestError';
}

export function parseManifest(json: unknown): ModelManifest {
  const parsed = ModelManifest.safeParse(json);
  if (!parsed.success) {
    throw new ManifestError(`The model list is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const ids = new Set<string>();
  for (const m of parsed.data.models) {
    if (ids.has(m.id)) throw new ManifestError(`The model list names "${m.id}" twice.`);
    ids.add(m.id);
    if (!m.dtypes.includes(m.defaultDtype)) throw new ManifestError(`Model "${m.id}": default dtype ${m.defaultDtype} is not among its dtypes.`);
    for (const dtype of m.dtypes) {
      const onnx = m.files.filter((f) => f.dtype === dtype).map((f) => f.path);
      for (const needed of requiredOnnxFiles(dtype)) {
        if (!onnx.includes(needed)) throw new ManifestError(`Model "${m.id}" (${dtype}) lacks ${needed}.`);
      }
    }
  }
  return parsed.data;
}

export function findModel(manifest: ModelManifest, id: string): ModelEntry {
  const model = manifest.models.find((m) => m.id === id);
  if (!model) throw new ManifestError(`No model "${id}" in the model list (known: ${manifest.models.map((m) => m.id).join(', ')}).`);
  return model;
}

/** transformers.js names weights by dtype: q8 adds the "_quantized" suffix. */
export function onnxSuffix(dtype: AsrDtype): string {
  return dtype === 'q8' ? '_quantized' : '';
}

export function requiredOnnxFiles(dtype: AsrDtype): string[] {
  const suffix = onnxSuffix(dtype);
  return [`onnx/encoder_model${suffix}.onnx`, `onnx/decoder_model_merged${suffix}.onnx`];
}

/** The files one dtype of a model needs: shared configs and tokenizer plus that dtype's weights. */
export function filesForDtype(model: ModelEntry, dtype: AsrDtype): ModelFileEntry[] {
  if (!model.dtypes.includes(dtype)) {
    throw new ManifestError(`Model "${model.id}" has no ${dtype} weights (it has ${model.dtypes.join(', ')}).`);
  }
  return model.files.filter((f) => f.dtype === undefined || f.dtype === dtype);
}

/** Bytes a dtype of a model will take, or null when some file size is not pinned yet. */
export function exactBytes(model: ModelEntry, dtype: AsrDtype): number | null {
  let total = 0;
  for (const f of filesForDtype(model, dtype)) {
    if (f.size === null) return null;
    total += f.size;
  }
  return total;
}

/** Absolute URL of a model's folder on the same origin, derived from where the manifest was served. */
export function modelBaseUrl(manifestUrl: string, model: ModelEntry): string {
  return new URL(`${model.path}/`, manifestUrl).href;
}

export function hubFileUrl(model: ModelEntry, file: string): string | null {
  if (!model.hub) return null;
  return `https://huggingface.co/${model.hub.repo}/resolve/${encodeURIComponent(model.hub.revision)}/${file}`;
}
