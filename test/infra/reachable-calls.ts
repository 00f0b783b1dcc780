import path from 'node:path';
import { build } from 'esbuild';
import { functionsRoot } from '#lib/constructs/service-function.ts';

/**
 * The AWS calls a handler's code can reach: its entry bundled with esbuild (tree-shaken, the SDK
 * left external), then searched for SDK command constructions, transaction item kinds and index
 * names. It over-approximates (a deps module may build clients its handler never uses), never
 * under-approximates a call written as `new XCommand(...)`.
 */
export async function reachableCalls(handler: string): Promise<Set<string>> {
  const result = await build({
    entryPoints: [path.join(functionsRoot, handler)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    treeShaking: true,
    minify: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const calls = new Set<string>();
  // A presigned URL (#shared/presign.ts) names the operation it carries: `operation: "GetObject"`.
  for (const match of code.matchAll(
    /new (\w+?)Command\d*\(|operation: "(\w+)"|IndexName: "(\w+)"|\b(ConditionCheck|Put|Update|Delete): \{/g,
  )) {
    const [, command, presigned, index, transactItem] = match;
    if (command) calls.add(command);
    if (presigned) calls.add(presigned);
    if (index) calls.add(`index:${index}`);
    if (transactItem) calls.add(`Transact:${transactItem}`);
  }
  return calls;
}
