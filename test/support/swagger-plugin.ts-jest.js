// Adapts the Nest OpenAPI compiler plugin (the one `nest build` uses) to ts-jest's transformer API,
// so the documents the tests read are generated exactly as in production.
const plugin = require('@nestjs/swagger/plugin');

module.exports = {
  name: 'nestjs-swagger-plugin',
  version: 1,
  factory: (tsCompiler, options) => plugin.before(options, tsCompiler.program),
};
