import { parsePrismaCursor } from "@pothos/plugin-prisma";
import { ForbiddenError, NotFoundError } from "../domain/errors.ts";
import { deleteSelf, deleteUser } from "../domain/users/delete-user.ts";
import { canonicalUserId } from "../domain/users/user-id.ts";
import { userPage, userSearchCondition } from "../domain/users/user-search.ts";
import { builder } from "./builder.ts";
import { badRequest, withEndedSessionErrors } from "./graphql-errors.ts";
import { UserType } from "./user.ts";

// Admin reading and deletion of users, and a user's deletion of themselves.

/** The `users` pages: without `first` or `last`, and at most (the query cost limit counts them too). */
export const userPageSizes = { defaultSize: 20, maxSize: 100 };

builder.queryField("users", (t) => {
  const users = t.prismaConnection(
    {
      type: UserType,
      cursor: "id",
      ...userPageSizes,
      description:
        "Users in the order they were stored (ids are time-ordered UUIDv7; an import batch in its input order), with keyset pagination (admin). Filters combine with AND.",
      authScopes: { admin: true },
      args: {
        query: t.arg.string({ description: "Case-insensitive text in an email, phone number, username or name." }),
        email: t.arg.string(),
        phoneNumber: t.arg.string({ description: "Any format with a country code." }),
        username: t.arg.string(),
        externalId: t.arg.string(),
        blocked: t.arg.boolean(),
      },
      resolve: (query, _root, search, context) => context.services.prisma.user.findMany(userPage(query, userSearchCondition(search))),
      totalCount: (_connection, search, context) => context.services.prisma.user.count({ where: userSearchCondition(search) }),
    },
    { name: "UserConnection" },
    { name: "UserEdge" },
  );
  // Pothos decodes `after` and `before` before `resolve` runs, and refuses a cursor it cannot decode
  // without naming the argument: the paging arguments are checked in front of its resolver, once for
  // edges, pageInfo and totalCount alike. The admin scope is checked before this.
  users.updateConfig((config) => {
    // prismaConnection always gives the field its resolver.
    const resolveConnection = config.resolve!;
    return {
      ...config,
      resolve: (root, paging, context, info) => {
        refuseInvalidPaging(paging);
        return resolveConnection(root, paging, context, info);
      },
    };
  });
  return users;
});

interface PagingArguments {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/**
 * Refuses paging arguments no one means: `first` with `last` (Relay applies `first` and then
 * `last`, a page of the page; Pothos would page backwards by `first` rows), and a cursor that is
 * not one of ours. A cursor is a user id; a forged one must be the client's error, not the
 * database's.
 */
function refuseInvalidPaging(paging: PagingArguments): void {
  if (paging.first != null && paging.last != null) throw badRequest("Give first or last, not both.");
  for (const argument of ["after", "before"] as const) {
    const cursor = paging[argument];
    if (cursor != null && canonicalUserId(userIdOfCursor(cursor) ?? "") === undefined) {
      throw badRequest(`Invalid cursor in argument "${argument}": give a cursor this list returned (an edge's cursor, or pageInfo's endCursor or startCursor).`);
    }
  }
}

/** What the cursor holds, if it is a string: users() cursors hold the user's id. */
function userIdOfCursor(cursor: string): string | undefined {
  try {
    const value = parsePrismaCursor(cursor);
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

const DeleteUserSuccess = builder.objectRef<{ deletedUserId: string }>("DeleteUserSuccess").implement({
  fields: (t) => ({ deletedUserId: t.exposeID("deletedUserId") }),
});

builder.mutationField("deleteUser", (t) =>
  t.field({
    type: DeleteUserSuccess,
    description: "Deletes a user and everything that belongs to them (admin).",
    authScopes: { admin: true },
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: "DeleteUserResult" } },
    resolve: (_root, { id }, context) => deleteUser(context.services.prisma, String(id)),
  }),
);

builder.mutationField("deleteSelf", (t) =>
  t.field({
    type: DeleteUserSuccess,
    description:
      "Deletes the signed-in user, where their deleteSelfEnabled allows it, from a session signed in recently (SESSION_FRESH_MINUTES; otherwise a ForbiddenError for [\"session\"]: sign in again).",
    authScopes: { signedIn: true },
    errors: { types: [NotFoundError, ForbiddenError], directResult: true, union: { name: "DeleteSelfResult" } },
    resolve: async (_root, _arguments, context) => {
      const result = await withEndedSessionErrors(() =>
        deleteSelf(context.services, { userId: context.caller.userId!, signedInAt: context.caller.signedInAt! }),
      );
      context.sessionCookie.clear();
      return result;
    },
  }),
);
