import * as z from 'zod';
import { UserView } from './users';

/**
 * What the user routes answer: their rows' responses declare these schemas, the OpenAPI document is built from them, and the
 * integration tests check every answer against that document. A module per kind of route, so that a function's
 * bundle carries only its own.
 */

/** POST /users: the user, and whether this request created them (false: the e-mail existed already). */
export const CreatedUserView = UserView.extend({ created: z.boolean() });
