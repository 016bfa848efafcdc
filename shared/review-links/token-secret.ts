/**
 * The review links' HMAC secret: `REVIEW_TOKEN_SECRET` locally; in AWS the Secrets Manager secret named by
 * `REVIEW_TOKEN_SECRET_NAME`, read once per cold start through SSM's Secrets Manager reference (the SSM client is
 * loaded only then).
 */

let cached: Promise<string> | undefined;

async function load(): Promise<string> {
  const name = process.env.REVIEW_TOKEN_SECRET_NAME;
  if (name) {
    const { GetParameterCommand, SSMClient } = await import('@aws-sdk/client-ssm');
    const { Parameter } = await new SSMClient({}).send(
      new GetParameterCommand({ Name: `/aws/reference/secretsmanager/${name}`, WithDecryption: true }),
    );
    if (!Parameter?.Value) throw new Error(`Secret ${name} is empty`);
    return Parameter.Value;
  }
  const local = process.env.REVIEW_TOKEN_SECRET;
  if (!local || local.length < 32) throw new Error('REVIEW_TOKEN_SECRET must be set (32+ characters)');
  return local;
}

export function reviewTokenSecret(): Promise<string> {
  cached ??= load().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
