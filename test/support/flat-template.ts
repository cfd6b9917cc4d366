import { NestedStack, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

type Json = Record<string, unknown>;

/** Every `{ Ref: <parameter> }` of a nested template replaced by the value its parent passes. */
function inline(value: unknown, parameters: Json): unknown {
  if (Array.isArray(value)) return value.map((v) => inline(v, parameters));
  if (value && typeof value === 'object') {
    const ref = (value as Json).Ref;
    if (typeof ref === 'string' && Object.keys(value).length === 1 && ref in parameters) return parameters[ref];
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inline(v, parameters)]));
  }
  return value;
}

/**
 * The stack's template with its nested stacks' resources in it, each nested parameter replaced by what the stack
 * passes: what is deployed, read as one template (the bearer-token APIs live in nested stacks). The nested stacks'
 * own AWS::CloudFormation::Stack resources are left out.
 */
export function flatTemplate(stack: Stack): Template {
  const parent = Template.fromStack(stack).toJSON() as { Resources: Record<string, Json & { Properties?: Json }> };
  const resources: Record<string, unknown> = { ...parent.Resources };
  const children = stack.node.findAll().filter((c): c is NestedStack => c instanceof NestedStack && c.nestedStackParent === stack);
  for (const child of children) {
    const id = stack.getLogicalId(child.nestedStackResource as never);
    const parameters = (parent.Resources[id]?.Properties?.Parameters ?? {}) as Json;
    const nested = flatTemplate(child).toJSON() as { Resources: Json };
    Object.assign(resources, inline(nested.Resources, parameters));
    delete resources[id];
  }
  return Template.fromJSON({ ...parent, Resources: resources });
}
