import * as z from 'zod';
import { MAX_PAGE_SIZE } from '../activity/keys';
import { userRef } from './fields';

/** `limit` and `cursor` of the activity lists: a page of at most MAX_PAGE_SIZE, the cursor the previous page gave. */
const pageParams = {
  limit: z
    .union([z.number(), z.string().regex(/^\d+$/, 'must be a whole number').transform(Number)])
    .pipe(z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`))
    .optional(),
  cursor: z.string().max(4096, 'must be at most 4096 characters').regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor from this API').optional(),
};
export const PAGE_QUERY_PARAMS = ['limit', 'cursor'] as const;

/** GET /users/{user}/history: by e-mail, or by Webex person id. */
export const UserHistoryInput = z.strictObject({ user: userRef, ...pageParams });
export type UserHistoryInput = z.infer<typeof UserHistoryInput>;

/** GET /bulk/joiners, GET /reconcile/plans. */
export const RecentListInput = z.strictObject(pageParams);
export type RecentListInput = z.infer<typeof RecentListInput>;
