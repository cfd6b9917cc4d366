import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import type { ServiceAppSecret } from '../../functions/lib/tokens/service-app-secret';

/**
 * aws-sdk-client-mock with Secrets Manager's documented PutSecretValue semantics: a ClientRequestToken
 * reused with the same value is a no-op, with another value a ResourceExistsException.
 */
export function fakeSecretsManager(initial: ServiceAppSecret) {
  const mock = mockClient(SecretsManagerClient);
  const versions: { id: string; value: string }[] = [{ id: 'v-initial-0000000000000000000000000000', value: JSON.stringify(initial) }];
  let current = versions[0];
  let failPuts = 0;
  let putHook: (() => void) | undefined;

  mock.on(GetSecretValueCommand).callsFake(async () => ({ SecretString: current.value, VersionId: current.id }));
  mock.on(PutSecretValueCommand).callsFake(async (input: { ClientRequestToken?: string; SecretString?: string }) => {
    putHook?.();
    if (failPuts > 0) {
      failPuts--;
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: {} });
    }
    const id = input.ClientRequestToken ?? `v-${versions.length}`;
    const existing = versions.find((v) => v.id === id);
    if (existing) {
      if (existing.value !== input.SecretString) {
        throw new ResourceExistsException({ message: 'A version with this ClientRequestToken already exists', $metadata: {} });
      }
      return { VersionId: id };
    }
    current = { id, value: input.SecretString! };
    versions.push(current);
    return { VersionId: id };
  });

  return {
    mock,
    client: new SecretsManagerClient({ region: 'us-east-1' }),
    current: () => JSON.parse(current.value) as ServiceAppSecret,
    versions: () => versions.map((v) => JSON.parse(v.value) as ServiceAppSecret),
    failNextPuts: (n: number) => void (failPuts = n),
    onPut: (hook: (() => void) | undefined) => void (putHook = hook),
  };
}
