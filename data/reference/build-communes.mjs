// Builds `communes-cog-2026.json`, the compact commune list the "Ma situation" functions bundle,
// and `communes-search-2026.json`, the list the commune search (`GET /communes`) alone bundles,
// from the installed `@etalab/decoupage-administratif` package (COG 2026).
//
//   npx tsx data/reference/build-communes.mjs      (or: node data/reference/build-communes.mjs)
//
// Kept: the communes of the COG (metropolitan France and overseas departments, `commune-actuelle`),
// as `code|department|name`; and, as `code|commune`, the codes people still type that are not
// communes themselves: municipal arrondissements of Paris, Lyon and Marseille, and delegated or
// associated communes, each pointing at the commune it belongs to. The overseas collectivities
// (zone `com`, departments 975 to 988) are not part of the COG's commune list and are left out.
// The search list adds what finding a commune by name needs and the checks do not: the population
// (to put Évry-Courcouronnes before Évry-Grégy-sur-Yerre) and the postcodes, as
// `code|department|name|population|postcode postcode…`; kept apart so that the functions that only
// check codes do not carry it (nor does the search's own bundle: both are read at run time).
// `test/housing-file/situation-communes.test.ts` checks that both files match the package.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const packageJson = require('@etalab/decoupage-administratif/package.json');
const source = JSON.parse(await readFile(require.resolve('@etalab/decoupage-administratif/data/communes.json'), 'utf8'));

const current = source.filter((entry) => entry.type === 'commune-actuelle' && entry.zone !== 'com');
const currentCodes = new Set(current.map((entry) => entry.code));
const aliases = new Map();
for (const entry of source) {
  if (entry.type === 'commune-actuelle' || currentCodes.has(entry.code)) continue;
  const parent = entry.type === 'arrondissement-municipal' ? entry.commune : entry.chefLieu;
  if (!currentCodes.has(parent)) continue;
  aliases.set(entry.code, parent);
}

const byCode = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const file = {
  source:
    'Code officiel géographique 2026 (INSEE), via the npm package @etalab/decoupage-administratif ' +
    `${packageJson.version} (data/communes.json).`,
  licence: 'Licence Ouverte / Open Licence (Etalab), https://www.etalab.gouv.fr/licence-ouverte-open-licence',
  generatedBy: 'data/reference/build-communes.mjs',
  communes: current.map((entry) => `${entry.code}|${entry.departement}|${entry.nom}`).sort(byCode),
  aliases: [...aliases].map(([code, parent]) => `${code}|${parent}`).sort(byCode),
};

/** One entry per line, so that a yearly update reads as a diff of the communes that changed. */
async function write(name, content) {
  const target = new URL(name, import.meta.url);
  const lines = Object.entries(content).map(([key, value]) =>
    Array.isArray(value)
      ? `  ${JSON.stringify(key)}: [\n${value.map((entry) => `    ${JSON.stringify(entry)}`).join(',\n')}\n  ]`
      : `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  await writeFile(target, `{\n${lines.join(',\n')}\n}\n`);
  return target.pathname;
}

const written = await write('./communes-cog-2026.json', file);
console.log(`${file.communes.length} communes, ${file.aliases.length} aliases -> ${written}`);

const search = {
  source: file.source,
  licence: file.licence,
  generatedBy: file.generatedBy,
  communes: current
    .map((entry) =>
      [entry.code, entry.departement, entry.nom, entry.population ?? 0, [...(entry.codesPostaux ?? [])].sort().join(' ')].join('|'),
    )
    .sort(byCode),
};
const searchWritten = await write('./communes-search-2026.json', search);
console.log(`${search.communes.length} communes with population and postcodes -> ${searchWritten}`);
