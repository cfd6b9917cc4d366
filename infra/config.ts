import type { Node } from 'constructs';
import { CdkContext, CONTEXT_KEYS, PROP_OF_KEY, type ContextKey, type ContextProps } from './context';
import { DEFAULT_STACK_NAME } from './stack-name';

export { CONTEXT_KEYS } from './context';

export interface AppConfig {
  /** Name (and construct id) of the stack. @default 'WebexProvisioning' */
  readonly stackName: string;
  readonly stackProps: ContextProps;
}

/**
 * Reads the stack's configuration from CDK context (the keys of CdkContext, infra/context.ts); absent keys keep
 * the stack's defaults. A bad value throws, naming its key: `Context <key> must be …`.
 */
export function configFromContext(node: Node): AppConfig {
  const raw = Object.fromEntries(CONTEXT_KEYS.map((key) => [key, node.tryGetContext(key)]));
  const parsed = CdkContext.safeParse(raw);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((issue) => `Context ${issue.path.join('.')} ${issue.message}`).join('\n'));
  }
  const { stackName, secretsExtensionLayerArn: _readByWorkflowFunction, ...values } = parsed.data;
  const stackProps = Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [PROP_OF_KEY[key as keyof typeof PROP_OF_KEY] ?? (key as ContextKey), value]),
  ) as ContextProps;
  return { stackName: stackName ?? DEFAULT_STACK_NAME, stackProps };
}
