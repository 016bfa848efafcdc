/** The CDK app (`cdk.json`: `npx tsx infra/app.ts`). `-c stage=prod` picks the stage; see defineApp. */
import { App } from 'aws-cdk-lib';
import { defineApp } from './dealer-channel-app.js';

const app = new App();
defineApp(app);
app.synth();
