/**
 * The updatedAt of a user's next change, given the last one (read under the user's row lock): now,
 * but later than the last one even within its millisecond, so that each change of a user has its
 * own updatedAt, in the order they were written.
 */
export function nextUpdatedAt(previous: Date): Date {
  return new Date(Math.max(Date.now(), previous.getTime() + 1));
}
