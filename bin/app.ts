import { App } from 'aws-cdk-lib';
import { createStacks, readSettings } from '#lib/housing-app.ts';
import { ensureWebBuild } from '#local/web-build.ts';

// The web app is built (again if its sources changed) before the stacks that ship it: `cdk synth`
// and `cdk deploy` work on a fresh clone, offline, and always deploy the current pages.
const build = await ensureWebBuild();
if (build.rebuilt) console.error(`web app built in ${build.seconds} s`);
const app = new App();
createStacks(app, readSettings(app));
