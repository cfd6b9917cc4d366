import { LOCAL_ACTIVITY_TABLE_NAME } from '../functions/local/local-activity-table';

interface TemplateResource {
  Type: string;
  Metadata?: Record<string, string>;
  Properties?: { Environment?: { Variables?: Record<string, unknown> } };
}

export interface StackTemplate {
  Resources: Record<string, TemplateResource>;
}

export interface StackFunction {
  /** The construct id (a route id, a task function id, Router, Authorizer…): the cold bench's row. */
  id: string;
  logicalId: string;
  /** The bundled asset's folder under the synth output, when the template was synthesized with bundling. */
  assetPath?: string;
  /** The environment the stack gives it, references resolved to the bench's stand-ins (NODE_OPTIONS left out). */
  env: NodeJS.ProcessEnv;
}

/** The ARN the bench's fake Secrets Manager and extension serve for a secret the template declares. */
export const benchSecretArn = (logicalId: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${logicalId}`;

/**
 * Every Lambda function a synthesized template declares. A reference in its environment resolves to what the
 * bench stands up in its place: a state machine's ARN (the fake Step Functions), a bucket's name (the fake S3),
 * the activity table's name (the local dynalite table), a secret's ARN (benchSecretArn); anything else is left out.
 */
export function stackFunctions(template: StackTemplate): StackFunction[] {
  const resolve = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    const ref = (value as { Ref?: string } | null)?.Ref;
    switch (ref && template.Resources[ref]?.Type) {
      case 'AWS::StepFunctions::StateMachine': return `arn:aws:states:us-east-1:123456789012:stateMachine:${ref}`;
      case 'AWS::S3::Bucket': return ref!.toLowerCase();
      case 'AWS::DynamoDB::GlobalTable':
      case 'AWS::DynamoDB::Table': return LOCAL_ACTIVITY_TABLE_NAME;
      case 'AWS::SecretsManager::Secret': return benchSecretArn(ref!);
      default: return undefined;
    }
  };
  const functions: StackFunction[] = [];
  for (const [logicalId, r] of Object.entries(template.Resources)) {
    if (r.Type !== 'AWS::Lambda::Function') continue;
    const path = r.Metadata?.['aws:cdk:path'];
    // The CLI writes construct paths into the template; an App in a test needs 'aws:cdk:enable-path-metadata'.
    if (!path) throw new Error(`${logicalId} carries no aws:cdk:path: synthesize with path metadata to name the stack's functions`);
    const id = path.split('/').slice(-2, -1)[0];
    const env: NodeJS.ProcessEnv = {};
    for (const [name, value] of Object.entries(r.Properties?.Environment?.Variables ?? {})) {
      // The baseline runs without --enable-source-maps: a flag only the workflows had would not be a like-for-like ratio.
      if (name !== 'NODE_OPTIONS') env[name] = resolve(value);
    }
    functions.push({ id, logicalId, assetPath: r.Metadata?.['aws:asset:path'], env });
  }
  return functions;
}
