import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Thrown when a shared corpus is not where `npm run eval` looks; its message is the one line to print. */
export class CorpusMissingError extends Error {
  override name = 'CorpusMissingError';
}

/**
 * Where the shared evaluation corpora live: $VIGIL_EVAL_DIR, else ../shared/eval beside the project.
 * They are not part of the repository; `npm test` never needs them, `npm run eval` always does.
 */
export function evalDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.VIGIL_EVAL_DIR ?? join(PROJECT_ROOT, '../shared/eval'));
}

/** The path of one corpus (e.g. "topics/items.jsonl") under the eval folder, or a CorpusMissingError naming it. */
export function corpusPath(root: string, relative: string): string {
  const path = join(root, relative);
  if (!existsSync(path)) {
    throw new CorpusMissingError(
      `npm run eval: the shared corpus ${relative} is missing under ${root} (set VIGIL_EVAL_DIR to the folder that holds extraction/, extraction-wcxb/, feeds/ and topics/)`,
    );
  }
  return path;
}
