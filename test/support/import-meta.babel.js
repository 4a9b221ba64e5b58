// Nest 12 ships ES modules; Jest on Node 20 loads modules as CommonJS, so node_modules/@nestjs goes
// through babel. This plugin rewrites the two ESM-only idioms those files use into CommonJS:
// import.meta, and `const require = createRequire(import.meta.url)` (CommonJS already has require).
module.exports = function esmIdiomsToCommonJs({ template }) {
  return {
    visitor: {
      VariableDeclarator(path) {
        if (path.node.id.type === 'Identifier' && path.node.id.name === 'require' && path.parentPath.parentPath.isProgram()) {
          path.parentPath.remove();
        }
      },
      MetaProperty(path) {
        if (path.node.meta.name !== 'import') return;
        path.replaceWith(
          template.expression.ast(
            "({ url: require('url').pathToFileURL(__filename).href, dirname: __dirname, filename: __filename })",
          ),
        );
      },
    },
  };
};
