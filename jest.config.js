// Nest 12 and some of its dependencies are ES modules; Jest (on Node 20) runs CommonJS, so those
// packages go through babel and our TypeScript through test/support/ts-transform.js (transpiled; the OpenAPI
// plugin the build uses rewrites DTOs, entities and controllers with their types).
const esmPackages = ['@nestjs', 'file-type', 'strtok3', 'token-types', 'peek-readable', '@tokenizer', 'uint8array-extras', '@borewit', 'openid-client', 'oauth4webapi', 'jose'];

const transform = {
  '^.+\\.ts$': [
    require.resolve('./test/support/ts-transform.js'),
    { tsconfig: 'tsconfig.json', pluginOptions: { classValidatorShim: true, introspectComments: true } },
  ],
  '^.+\\.m?js$': [
    'babel-jest',
    {
      babelrc: false,
      configFile: false,
      plugins: [
        require.resolve('./test/support/import-meta.babel.js'),
        '@babel/plugin-transform-dynamic-import',
        '@babel/plugin-transform-modules-commonjs',
      ],
    },
  ],
};

const common = {
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

module.exports = {
  maxWorkers: 3,
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/**/*.spec.ts'], testTimeout: 30000 },
  ],
};
