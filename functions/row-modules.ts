import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every `functions/<folder>/<file>` whose source declares a row (`declaration`), by folder name (a fixed order).
 * Read from the source text first, so that modules declaring none are not loaded with their SDK clients.
 */
export function modulesDeclaring(declaration: RegExp, file: string, functionsDir: string = __dirname): string[] {
  return readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((folder) => join(functionsDir, folder, file))
    .filter((path) => {
      try {
        return declaration.test(readFileSync(path, 'utf8'));
      } catch {
        return false; // no such file in that folder (lib, local, simulator, cli)
      }
    });
}
