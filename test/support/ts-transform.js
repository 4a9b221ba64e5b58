// Jest's TypeScript transform. Type checking is `tsc --noEmit`'s job (CI runs it), so most files are only
// transpiled, one at a time. The files the Nest OpenAPI plugin rewrites (DTOs, entities, controllers: the
// suffixes it reads) need the types of what they import, so they are emitted from one program per worker,
// built on the first of them that misses the cache. The OpenAPI documents are then those `nest build` makes.
const { createHash } = require('crypto');
const { readdirSync, readFileSync, statSync } = require('fs');
const { dirname, join } = require('path');
const ts = require('typescript');
const swaggerPlugin = require('@nestjs/swagger/plugin');

const PLUGIN_SUFFIXES = ['.dto.ts', '.entity.ts', '.controller.ts'];
const TRANSFORMER_VERSION = '1';

const needsTypes = (path) => PLUGIN_SUFFIXES.some((suffix) => path.endsWith(suffix));

function readTsconfig(path) {
  const { config, error } = ts.readConfigFile(path, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dirname(path));
  // Jest wants the map inline in memory, and nothing is written to disk.
  return { ...parsed, options: { ...parsed.options, sourceMap: true, inlineSources: true, incremental: false, noEmit: false, declaration: false } };
}

/** A digest of every TypeScript file under `dir`: a plugin file's output depends on the types it imports. */
function treeDigest(dir, hash = createHash('sha1')) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) treeDigest(path, hash);
    else if (entry.name.endsWith('.ts')) hash.update(path).update(readFileSync(path));
  }
  return hash;
}

function createTransformer({ tsconfig = 'tsconfig.json', pluginOptions = {} } = {}) {
  let config = null;
  let program = null;
  let typesDigest = null;
  const configFor = (rootDir) => (config ??= readTsconfig(join(rootDir, tsconfig)));

  const typedProgram = () => {
    program ??= ts.createProgram({ rootNames: config.fileNames.filter(needsTypes), options: config.options });
    return program;
  };

  const emitWithTypes = (path) => {
    const current = typedProgram();
    const source = current.getSourceFile(path);
    if (!source) throw new Error(`${path} is not in the TypeScript program of ${tsconfig}`);
    const output = {};
    current.emit(source, (name, text) => (output[name.endsWith('.map') ? 'map' : 'code'] = text), undefined, false, {
      before: [swaggerPlugin.before(pluginOptions, current)],
    });
    return output;
  };

  const transpile = (source, path) => {
    const { outputText, sourceMapText } = ts.transpileModule(source, { compilerOptions: config.options, fileName: path, reportDiagnostics: false });
    return { code: outputText, map: sourceMapText };
  };

  return {
    canInstrument: false,
    getCacheKey(source, path, { config: jestConfig }) {
      const settings = configFor(jestConfig.rootDir);
      const hash = createHash('sha1').update(TRANSFORMER_VERSION).update(ts.version).update(JSON.stringify(settings.options)).update(JSON.stringify(pluginOptions)).update(path).update(source);
      if (needsTypes(path)) {
        typesDigest ??= treeDigest(join(jestConfig.rootDir, 'src')).digest('hex');
        hash.update(typesDigest);
      }
      return hash.digest('hex');
    },
    process(source, path, { config: jestConfig }) {
      configFor(jestConfig.rootDir);
      const output = needsTypes(path) && statSync(path).isFile() ? emitWithTypes(path) : transpile(source, path);
      // The emitted file ends with a sourceMappingURL comment pointing at a file that does not exist.
      return { code: output.code.replace(/\n\/\/# sourceMappingURL=.*$/, ''), map: output.map };
    },
  };
}

module.exports = { createTransformer };
