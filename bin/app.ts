import { App } from 'aws-cdk-lib';
import { createStacks, readSettings } from '#lib/housing-app.ts';

const app = new App();
createStacks(app, readSettings(app));
