import { readdirSync } from 'fs';
import { join } from 'path';

/** Runs each `*.bench.js` beside this file (or those named on the command line), one after another. */
async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const scripts = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.js'))
    .filter((file) => wanted.length === 0 || wanted.some((name) => file.startsWith(name)))
    .sort();
  if (scripts.length === 0) throw new Error(`no bench script matches ${wanted.join(', ')}`);
  for (const script of scripts) {
    console.log(`\n== ${script.replace('.bench.js', '')} ==`);
    const module = require(join(__dirname, script)) as { run: () => Promise<void> };
    await module.run();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
