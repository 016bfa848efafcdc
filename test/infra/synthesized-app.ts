/**
 * The CDK app synthesized once per test process, in-process, exactly as `infra/app.ts` builds it (defineApp, with
 * cdk.json's context and cdk-nag registered), but without bundling the Lambda code; and a merged view of every
 * template (top-level and nested stacks) in which references are followed across stacks, so that assertions can
 * trace route → function → role → policy → table wherever each lives.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type DealerChannelStacks, defineApp } from '../../infra/dealer-channel-app.js';
import { REPO_ROOT } from '../../infra/repo-root.js';

export type Resource = {
  Type: string;
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string[];
};
export type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown; Principal?: unknown };

export interface StackTemplate {
  readonly stack: Stack;
  /** The stack's construct path, which prefixes its resources' ids in `resources`. */
  readonly path: string;
  readonly template: Template;
  readonly resourceCount: number;
}

export interface SynthesizedApp {
  readonly app: App;
  readonly stacks: DealerChannelStacks;
  readonly outdir: string;
  readonly templates: StackTemplate[];
  /** Every resource of every stack, keyed `<stack path>::<logical id>`, references rewritten to such keys. */
  readonly resources: Record<string, Resource>;
  /** Every output of every stack by name, values resolved like `resources`. */
  readonly outputs: Record<string, unknown>;
  readonly cleanup: () => void;
}

export const STAGE = 'test';

/** Synthesizes the app of `context` (defaults: stage `test`), templates and merged view included. */
export function synthesize(context: Record<string, unknown> = {}): SynthesizedApp {
  const tmp = path.join(REPO_ROOT, '.tmp');
  mkdirSync(tmp, { recursive: true });
  process.env.TMPDIR = tmp;
  const outdir = mkdtempSync(path.join(tmp, 'cdk-test-'));
  const cdkJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: object };
  const app = new App({ outdir, context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], stage: STAGE, ...context } });
  const stacks = defineApp(app);
  app.synth(); // cdk-nag runs as a validation plugin here

  const all = app.node.findAll().filter((c): c is Stack => Stack.isStack(c));
  const templates = all.map((stack) => {
    const template = Template.fromJSON(JSON.parse(readFileSync(path.join(outdir, stack.templateFile), 'utf8')));
    return { stack, path: stack.node.path, template, resourceCount: Object.keys(template.toJSON().Resources ?? {}).length };
  });
  const byPath = new Map(templates.map((t) => [t.path, t]));
  const byName = new Map(templates.filter((t) => !NestedStack.isNestedStack(t.stack)).map((t) => [t.stack.stackName, t]));

  const nestedByResource = new Map(
    templates
      .filter((t) => NestedStack.isNestedStack(t.stack))
      .map((t) => {
        const nested = t.stack as NestedStack;
        const parent = nested.nestedStackParent!;
        return [`${parent.node.path}::${parent.resolve(nested.nestedStackResource!.logicalId) as string}`, t] as const;
      }),
  );
  const json = (t: StackTemplate) =>
    t.template.toJSON() as {
      Resources?: Record<string, Resource>;
      Parameters?: Record<string, unknown>;
      Outputs?: Record<string, { Value: unknown }>;
    };
  /** The value a nested stack's parameter gets from its parent, resolved in the parent. */
  const parameterValue = (t: StackTemplate, name: string): unknown => {
    const nested = t.stack as NestedStack;
    const parent = byPath.get(nested.nestedStackParent!.node.path)!;
    const resourceId = parent.stack.resolve(nested.nestedStackResource!.logicalId) as string;
    const value = json(parent).Resources![resourceId]!.Properties.Parameters[name];
    if (value === undefined) throw new Error(`${t.path}: parameter ${name} has no value in ${parent.path}`);
    return resolve(parent, value);
  };
  const resolve = (t: StackTemplate, value: unknown): unknown => {
    if (Array.isArray(value)) return value.map((v) => resolve(t, v));
    if (value === null || typeof value !== 'object') return value;
    const o = value as Record<string, any>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === 'Ref') {
      const name = o.Ref as string;
      if (name.startsWith('AWS::')) return o;
      if (json(t).Resources?.[name]) return { Ref: `${t.path}::${name}` };
      const parameter = json(t).Parameters?.[name] as { Type?: string; Default?: string } | undefined;
      // A public SSM parameter (the Powertools layer's ARN) is resolved by CloudFormation in the stack itself.
      if (parameter?.Type?.startsWith('AWS::SSM::Parameter::Value<')) return { SsmParameter: parameter.Default };
      if (parameter) return parameterValue(t, name);
      throw new Error(`${t.path}: Ref to unknown ${name}`);
    }
    if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
      const [id, attribute] = o['Fn::GetAtt'] as [string, string];
      // A nested stack's output, read by its parent: follow it into the nested template.
      const nested = attribute.startsWith('Outputs.') ? nestedByResource.get(`${t.path}::${id}`) : undefined;
      if (nested) {
        const output = json(nested).Outputs?.[attribute.slice('Outputs.'.length)];
        if (!output) throw new Error(`${nested.path}: no output ${attribute}`);
        return resolve(nested, output.Value);
      }
      return { 'Fn::GetAtt': [json(t).Resources?.[id] ? `${t.path}::${id}` : id, attribute] };
    }
    if (keys.length === 1 && keys[0] === 'Fn::GetStackOutput') {
      const { StackName, OutputName } = o['Fn::GetStackOutput'] as { StackName: string; OutputName: string };
      const producer = byName.get(StackName);
      const output = producer && json(producer).Outputs?.[OutputName];
      if (!producer || !output) throw new Error(`${t.path}: no output ${OutputName} in ${StackName}`);
      return resolve(producer, output.Value);
    }
    return Object.fromEntries(keys.map((k) => [k, resolve(t, o[k])]));
  };

  const resources: Record<string, Resource> = {};
  const outputs: Record<string, unknown> = {};
  for (const t of templates) {
    for (const [id, resource] of Object.entries(json(t).Resources ?? {})) {
      resources[`${t.path}::${id}`] = resolve(t, resource) as Resource;
    }
    for (const [name, output] of Object.entries(json(t).Outputs ?? {})) {
      if (!NestedStack.isNestedStack(t.stack)) outputs[name] = resolve(t, output.Value);
    }
  }
  return { app, stacks, outdir, templates, resources, outputs, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** The logical id part of a merged key: `DealerChannel-test/Api/Registrations::PostRegistrationsRoute1234` → `PostRegistrationsRoute1234`. */
export const logicalIdPart = (key: string): string => key.slice(key.indexOf('::') + 2);
