import { ConflictError } from '../../errors';
import { logger } from '../../logger';
import type { CreateUserInput, UserView } from '../../schemas/users';
import type { WebexClient } from '../../webex/client';
import { WebexApiError, WebexNetworkError, isWebexFault } from '../../webex/errors';
import { createPerson, findPersonIdByEmail, getPerson, type PersonCreate } from '../../webex/people-api';
import { toUserView } from './user-view';

/** The profile fields a new user is created with: what an activity record lists as set. */
export const CREATED_FIELDS = ['email', 'displayName', 'firstName', 'lastName', 'department', 'title'] as const;

/** The fields a creation set, as an activity record's changes (nothing before). */
export function createdChanges(input: Partial<Record<(typeof CREATED_FIELDS)[number], string>>): { field: string; after: string }[] {
  return CREATED_FIELDS.filter((f) => input[f] !== undefined).map((field) => ({ field, after: input[field]! }));
}

export interface CreateUserResult {
  created: boolean;
  user: UserView;
}

const MAX_CREATE_ATTEMPTS = 3;

/**
 * Create Webex User, safe to retry: an e-mail that already exists returns that user (`created: false`).
 * POST /people is not idempotent and Webex documents that it can fail *after* creating the person, so
 * after any failure we look the e-mail up before deciding whether to send it again.
 */
export async function createUser(client: WebexClient, input: CreateUserInput): Promise<CreateUserResult> {
  const existing = await existingUser(client, input.email);
  if (existing) return { created: false, user: existing };

  const body: PersonCreate = {
    emails: [input.email],
    displayName: input.displayName ?? ([input.firstName, input.lastName].filter(Boolean).join(' ') || undefined),
    firstName: input.firstName,
    lastName: input.lastName,
    department: input.department,
    title: input.title,
  };

  for (let attempt = 1; ; attempt++) {
    try {
      const person = await createPerson(client, body);
      return { created: true, user: await toUserView(client, person) };
    } catch (error) {
      if (!mayHaveBeenApplied(error)) throw error;
      const afterFailure = await existingUser(client, input.email);
      if (afterFailure) {
        const raced = error instanceof WebexApiError && error.status === 409;
        logger.info('create user: person exists after a failed POST', {
          attempt, status: error instanceof WebexApiError ? error.status : error.name, raced,
        });
        // A 409 means someone else created it; anything else means our own POST was applied.
        return { created: !raced, user: afterFailure };
      }
      if (error instanceof WebexApiError && error.status === 409) {
        throw new ConflictError(
          `Webex reports that ${input.email} already exists, but not in this organisation (or it is pending): ${error.webexMessage}`,
          { cause: error },
        );
      }
      const transient = isWebexFault(error);
      if (!transient || attempt >= MAX_CREATE_ATTEMPTS) throw error;
    }
  }
}

async function existingUser(client: WebexClient, email: string): Promise<UserView | undefined> {
  const id = await findPersonIdByEmail(client, email);
  if (!id) return undefined;
  const person = await getPerson(client, id);
  return person ? toUserView(client, person) : undefined;
}

// 400 is included: Webex documents a 400 that still created the person.
function mayHaveBeenApplied(error: unknown): error is WebexApiError | WebexNetworkError {
  if (error instanceof WebexNetworkError) return true;
  return error instanceof WebexApiError && (error.status === 400 || error.status === 409 || error.status >= 500);
}
