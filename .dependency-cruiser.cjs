/**
 * Import rules, drawn in docs/architecture.md and run by `npm test` (`npm run deps`).
 * Areas under functions/ are layered: an area may import only the areas drawn below it.
 */
const layers = [
  ['shared'],
  ['notifications'],
  ['companies'],
  ['identity'],
  ['housing-file'],
  ['company-hr', 'landlords'],
  ['offers'],
  ['scoring'],
  ['applications'],
  ['lifecycle'],
  ['jobs'],
  ['imports', 'alerts', 'privacy', 'platform', 'results'],
];

const levelOf = Object.fromEntries(layers.flatMap((areas, level) => areas.map((area) => [area, level])));
const areas = Object.keys(levelOf);
const against = areas
  .map((area) => {
    const higherOrSibling = areas.filter((other) => other !== area && levelOf[other] >= levelOf[area]);
    return {
      name: `layers-${area}`,
      comment: `${area} may import only the areas drawn below it (docs/architecture.md)`,
      severity: 'error',
      from: { path: `^functions/${area}/` },
      to: { path: `^functions/(${higherOrSibling.join('|')})/` },
    };
  })
  .filter((rule) => rule.to.path !== '^functions/()/');

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'No import cycle, at any length', from: {}, to: { circular: true } },
    ...against,
    {
      name: 'functions-stand-alone',
      severity: 'error',
      comment: 'Lambda code never imports the local cloud, the CDK app or the benchmarks',
      from: { path: '^functions/' },
      to: { path: '^(local|lib|bin|bench|test)/' },
    },
    {
      name: 'one-route-per-handler',
      severity: 'error',
      comment: 'A handler imports its own route declaration, never the whole route table (OpenAPI documents them all)',
      from: { path: '^functions/', pathNot: '^functions/platform/handlers/open-api\\.ts$' },
      to: { path: '^definitions/routes\\.ts$' },
    },
    {
      name: 'definitions-are-a-leaf',
      severity: 'error',
      comment: 'definitions/ assembles the areas\u2019 route declarations and imports nothing else from functions/',
      from: { path: '^definitions/' },
      to: { path: '^functions/', pathNot: ['-routes\\.ts$', '^functions/shared/(route|roles)\\.ts$', '-schemas\\.ts$'] },
    },
    {
      name: 'schemas-and-rules-are-pure',
      severity: 'error',
      comment: 'Schemas, route declarations and rules run in the browser too: no store, no deps, no AWS SDK',
      from: { path: '(-schemas|-routes|-rules)\\.ts$' },
      to: {
        path: [
          '-(store|deps)\\.ts$',
          '^functions/shared/(clients|config|powertools|http)\\.ts$',
          '@aws-sdk/',
          '@aws-lambda-powertools/',
          '@middy/',
        ],
      },
    },
    {
      name: 'unit-tests-start-no-cloud',
      severity: 'error',
      comment: 'A unit test (not *.int.test.ts) reaches neither a local cloud nor the helpers that talk to one (vitest.config.ts)',
      from: { path: '^test/.+\\.test\\.ts$', pathNot: '\\.int\\.test\\.ts$' },
      to: {
        path: ['^local/cloud\\.ts$', '^test/support/(api|table|employees|registration|local-process|own-cloud|global-setup)\\.ts$'],
        reachable: true,
      },
    },
    {
      name: 'web-features-stand-alone',
      severity: 'error',
      comment: 'A web feature never imports another feature: what two share moves down to components/ or lib/ (bulletproof-react)',
      from: { path: '^web/src/features/([^/]+)/' },
      to: { path: '^web/src/features/', pathNot: '^web/src/features/$1/' },
    },
    {
      name: 'web-shared-below-features',
      severity: 'error',
      comment: 'Web imports flow shared (components, lib) → features → app, never back',
      from: { path: '^web/src/(components|lib|features)/' },
      to: { path: '^web/src/app/' },
    },
    {
      name: 'web-shared-knows-no-feature',
      severity: 'error',
      comment: 'Shared web code (components, lib) never imports a feature',
      from: { path: '^web/src/(components|lib)/' },
      to: { path: '^web/src/features/' },
    },
    {
      name: 'web-imports-only-browser-safe-files',
      severity: 'error',
      comment: 'The browser bundle takes from functions/ only route declarations, schemas, rules and the pure modules they import',
      from: { path: '^web/' },
      to: {
        path: '^functions/',
        pathNot: [
          '(-schemas|-routes|-rules)\\.ts$',
          '^functions/shared/(roles|business-rules|route|calendar|page-paths|zod-locale)\\.ts$',
          '^functions/identity/password-policy\\.ts$',
          '^functions/housing-file/priority-criteria\\.ts$',
        ],
      },
    },
    {
      name: 'web-bundle-has-no-server-code',
      severity: 'error',
      comment: 'Nothing the web app reaches, at any depth, is server code: no store, no deps, no AWS SDK, no Node built-in',
      from: { path: '^web/src/' },
      to: {
        path: [
          '-(store|deps|use-cases)\\.ts$',
          '^functions/shared/(clients|config|powertools|http)\\.ts$',
          '@aws-sdk/',
          '@aws-lambda-powertools/',
          '@middy/',
          '^(local|lib|bin|bench|test|definitions)/',
        ],
        // The lifecycle's durations (data and a type import only), which the offer rules read.
        pathNot: '^definitions/lifecycle\\.ts$',
        reachable: true,
      },
    },
    {
      name: 'web-no-node-built-ins',
      severity: 'error',
      comment: 'The web app runs in the browser: no Node built-in module',
      from: { path: '^web/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      comment: 'Every import resolves; aws-lambda is types only (@types/aws-lambda)',
      to: { couldNotResolve: true, pathNot: '^aws-lambda$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|cdk\\.out|\\.local|web/dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      exportsFields: ['exports'],
    },
    combinedDependencies: false,
  },
};
