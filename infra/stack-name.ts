/**
 * The stack's name (and construct id) unless the `stackName` context value says otherwise; apart from the stack's
 * module so that `npm run api` finds the stack without loading the CDK.
 */
export const DEFAULT_STACK_NAME = 'WebexProvisioning';
