import { existsSync } from 'fs';
import { dirname, join } from 'path';

/**
 * The folder holding package.json, found by walking up from this file, so data shipped beside the code
 * (config/, web/) is found from src/ under the tests, from dist/ and from any other compiled layout.
 */
export function projectRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${start}`);
  }
}
