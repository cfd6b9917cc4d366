import * as path from 'node:path';

/**
 * The repository root, resolved from this file rather than the working directory, so `cdk synth`, jest and
 * any other caller bundle the same entry files with the same lock file.
 */
export const REPO_ROOT = path.resolve(__dirname, '..');

/** An absolute path for a repository-relative one (the form routes.ts uses for handler entries). */
export function fromRepoRoot(relativePath: string): string {
  return path.join(REPO_ROOT, relativePath);
}
