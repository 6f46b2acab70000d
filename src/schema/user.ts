import { queryFromInfo } from "@pothos/plugin-prisma";
import type { GraphQLResolveInfo } from "graphql";
import { NotFoundError } from "../domain/errors.ts";
import type { WrittenUser } from "../domain/users/new-user.ts";
import type { ReadInUpdate, UpdatedUser } from "../domain/users/update-user.ts";
import { canonicalUserId } from "../domain/users/user-id.ts";
import type { Prisma, PrismaClient, User } from "../generated/prisma/client.ts";
import { builder } from "./builder.ts";
import type { Context } from "./context.ts";
import { IdentityProviderEnum, IdentityTypeEnum } from "./enums.ts";
import { selectsOnly } from "./selected-fields.ts";

// The read side of a user (SPEC section 4b). No field exposes a password, digest, salt, TOTP
// secret, backup code or session token: those columns are never selected for a response.

// The primary first. `email` and `phoneNumber` read the same list the address fields do, with the
// same arguments: the Prisma plugin loads a relation asked for with two different sets of
// arguments once per set, the second time in a query of its own, which sees another moment of the
// database (a user deleted meanwhile fails the whole response; an address changed meanwhile gives
// an `email` that is not the primary of `emailAddresses`).
const listQuery = { orderBy: [{ primary: "desc" as const }, { id: "asc" as const }] };

/** The primary row of a list in `listQuery`'s order, if there is one. */
function primaryOf<Row extends { primary: boolean }>(rows: readonly Row[]): Row | undefined {
  return rows[0]?.primary ? rows[0] : undefined;
}

const adminOnly = { authScopes: { admin: true }, nullable: true } as const;

builder.prismaObject("EmailAddress", {
  // "EmailAddress" and "PhoneNumber" are the graphql-scalars types of the values themselves.
  name: "UserEmailAddress",
  fields: (t) => ({
    email: t.expose("email", { type: "EmailAddress" }),
    verified: t.exposeBoolean("verified"),
    primary: t.exposeBoolean("primary"),
  }),
});

builder.prismaObject("PhoneNumber", {
  name: "UserPhoneNumber",
  fields: (t) => ({
    phoneNumber: t.expose("phoneNumber", { type: "PhoneNumber", description: "E.164" }),
    verified: t.exposeBoolean("verified"),
    primary: t.exposeBoolean("primary"),
  }),
});

builder.prismaObject("Web3Wallet", {
  fields: (t) => ({
    address: t.exposeString("address"),
    primary: t.exposeBoolean("primary"),
  }),
});

builder.prismaObject("Identity", {
  fields: (t) => ({
    connection: t.exposeString("connection"),
    provider: t.expose("provider", { type: IdentityProviderEnum }),
    type: t.expose("type", { type: IdentityTypeEnum }),
    id: t.exposeString("providerUserId", { nullable: true, description: "The user's id at that connection." }),
    details: t.expose("details", { type: "JSONObject", description: "The raw user object from the connection." }),
  }),
});

builder.prismaObject("Address", {
  fields: (t) => ({
    id: t.exposeString("label", { nullable: true, description: 'The caller\'s label, e.g. "Delivery Address".' }),
    isPrimary: t.exposeBoolean("isPrimary"),
    firstName: t.exposeString("firstName", { nullable: true }),
    lastName: t.exposeString("lastName", { nullable: true }),
    streetAddress: t.exposeString("streetAddress", { nullable: true }),
    streetAddress2: t.exposeString("streetAddress2", { nullable: true }),
    city: t.exposeString("city", { nullable: true }),
    state: t.exposeString("state", { nullable: true }),
    zipCode: t.exposeString("zipCode", { nullable: true }),
    country: t.exposeString("country", { nullable: true }),
  }),
});

builder.prismaObject("Profile", {
  fields: (t) => ({
    addresses: t.relation("addresses", { query: { orderBy: { position: "asc" } } }),
    birthdate: t.exposeString("birthdate", { nullable: true, description: "YYYY-MM-DD (year 0000 when omitted) or YYYY." }),
    familyName: t.exposeString("familyName", { nullable: true }),
    gender: t.field({ type: "Gender", nullable: true, resolve: (profile) => profile.gender as string | number | null }),
    givenName: t.exposeString("givenName", { nullable: true }),
    locale: t.exposeString("locale", { nullable: true }),
    middleName: t.exposeString("middleName", { nullable: true }),
    nickname: t.exposeString("nickname", { nullable: true }),
    profilePage: t.expose("profilePage", { type: "URL", nullable: true }),
    website: t.expose("website", { type: "URL", nullable: true }),
    zoneinfo: t.exposeString("zoneinfo", { nullable: true }),
  }),
});

// Every column of the user but the four JSON metadata documents comes with each user read: a row's
// worth of small values. The fields reading them are plain resolvers. Exposed in select mode, each
// would add its own column, and then ask the Prisma plugin for every row whether the column was
// loaded (measured: that bookkeeping was about a fifth of a 50-user page's time).
const userColumns = {
  id: true,
  externalId: true,
  username: true,
  name: true,
  firstName: true,
  lastName: true,
  picture: true,
  blocked: true,
  loginAttempts: true,
  deleteSelfEnabled: true,
  createOrganizationEnabled: true,
  createOrganizationsLimit: true,
  legalAcceptedAt: true,
  createdAt: true,
  updatedAt: true,
  lastSignInAt: true,
} as const satisfies Prisma.UserSelect;

export const UserType = builder.prismaObject("User", {
  // Select mode: the metadata documents and the relations are loaded only when the query asks for them.
  select: userColumns,
  fields: (t) => ({
    id: t.id({ resolve: (user) => user.id }),
    externalId: t.string({ nullable: true, resolve: (user) => user.externalId }),
    email: t.field({
      type: "EmailAddress",
      nullable: true,
      description: "The primary email address.",
      select: { emailAddresses: { ...listQuery, select: { email: true, primary: true } } },
      resolve: (user) => primaryOf(user.emailAddresses)?.email ?? null,
    }),
    emailVerified: t.boolean({
      description: "Whether the primary email address is verified.",
      select: { emailAddresses: { ...listQuery, select: { verified: true, primary: true } } },
      resolve: (user) => primaryOf(user.emailAddresses)?.verified ?? false,
    }),
    emailAddresses: t.relation("emailAddresses", { query: listQuery }),
    phoneNumber: t.field({
      type: "PhoneNumber",
      nullable: true,
      description: "The primary phone number, E.164.",
      select: { phoneNumbers: { ...listQuery, select: { phoneNumber: true, primary: true } } },
      resolve: (user) => primaryOf(user.phoneNumbers)?.phoneNumber ?? null,
    }),
    phoneNumberVerified: t.boolean({
      select: { phoneNumbers: { ...listQuery, select: { verified: true, primary: true } } },
      resolve: (user) => primaryOf(user.phoneNumbers)?.verified ?? false,
    }),
    phoneNumbers: t.relation("phoneNumbers", { query: listQuery }),
    web3Wallets: t.relation("web3Wallets", { query: listQuery }),
    username: t.string({ nullable: true, resolve: (user) => user.username }),
    name: t.string({ nullable: true, resolve: (user) => user.name }),
    firstName: t.string({ nullable: true, resolve: (user) => user.firstName }),
    lastName: t.string({ nullable: true, resolve: (user) => user.lastName }),
    picture: t.field({ type: "URL", nullable: true, resolve: (user) => user.picture }),
    profile: t.relation("profile", { nullable: true }),
    identities: t.relation("identities", { query: { orderBy: { position: "asc" } } }),
    metadata: t.expose("metadata", { type: "JSONObject" }),
    publicMetadata: t.expose("publicMetadata", { type: "JSONObject" }),
    unsafeMetadata: t.expose("unsafeMetadata", { type: "JSONObject" }),
    privateMetadata: t.expose("privateMetadata", { type: "JSONObject", ...adminOnly }),
    blocked: t.boolean({ resolve: (user) => user.blocked }),
    loginAttempts: t.int({ ...adminOnly, resolve: (user) => user.loginAttempts }),
    hasPassword: t.boolean({
      select: { passwordCredential: { select: { userId: true } } },
      resolve: (user) => user.passwordCredential !== null,
    }),
    totpEnabled: t.boolean({
      select: { totpCredential: { select: { userId: true } } },
      resolve: (user) => user.totpCredential !== null,
    }),
    backupCodeCount: t.int({
      ...adminOnly,
      description: "Unused backup codes.",
      select: { _count: { select: { backupCodes: { where: { usedAt: null } } } } },
      resolve: (user) => user._count.backupCodes,
    }),
    deleteSelfEnabled: t.boolean({ resolve: (user) => user.deleteSelfEnabled }),
    createOrganizationEnabled: t.boolean({ resolve: (user) => user.createOrganizationEnabled }),
    createOrganizationsLimit: t.field({ type: "Long", description: "0 means unlimited.", resolve: (user) => user.createOrganizationsLimit }),
    legalAcceptedAt: t.field({ type: "DateTime", nullable: true, resolve: (user) => user.legalAcceptedAt }),
    createdAt: t.field({ type: "DateTime", resolve: (user) => user.createdAt }),
    updatedAt: t.field({ type: "DateTime", resolve: (user) => user.updatedAt }),
    lastSignInAt: t.field({ type: "DateTime", nullable: true, resolve: (user) => user.lastSignInAt }),
  }),
});

/** The fields of a user a result answers from its own `userId`. */
const fieldsKnownWithoutRead = new Set(["id"]);

/**
 * The fields of a user a result answers from the user as written (`WrittenUser`): the user's own
 * columns, and the primary email address and phone number. Not `emailAddresses` or `phoneNumbers`:
 * they read the same list `email` and `phoneNumber` read, of which only the primary was kept.
 */
const fieldsKnownAsWritten = new Set([
  ...Object.keys(userColumns),
  "email",
  "emailVerified",
  "phoneNumber",
  "phoneNumberVerified",
]);

/** What an operation reports about the user it is about: their id, and the user as written when it has just written them. */
interface UserOutcome {
  userId: string;
  user?: WrittenUser;
}

/** A success result as answered: the user, loaded with what the query's `user` fields select. */
class UserAnswer {
  constructor(readonly user: User) {}
}

/** A success result that carries the user it is about (`answerUsers` loads it). */
export function userResultType(name: string, description: string) {
  return builder.objectRef<UserAnswer>(name).implement({
    description,
    // Lets a union tell this result from the error types.
    isTypeOf: (value) => value instanceof UserAnswer,
    fields: (t) => ({ user: t.field({ type: UserType, resolve: (answer) => answer.user }) }),
  });
}

/**
 * The answers to operations' outcomes, with each user loaded as the query's `user` fields of
 * `successType` select them, all in one read. A user deleted between the operation and this read
 * (an admin's deleteUser at that instant) is a NotFoundError in its place: a `user: User!` that
 * cannot be read would otherwise fail the whole response, and with it an import's every row.
 *
 * A migration script asks for `user { id }`, to map its rows to the new ids: that is answered from
 * the outcome, without planning and reading back a thousand imported users (measured: a quarter of
 * importUsers' throughput). A user just written is answered as written when the query selects
 * nothing else (a sign-up's `user { id email }`); anything more is read.
 */
export async function answerUsers(
  context: Context,
  info: GraphQLResolveInfo,
  successType: string,
  outcomes: readonly UserOutcome[],
): Promise<Array<UserAnswer | NotFoundError>> {
  const query = plannedUserQuery(context, info, successType);
  if (!query) return outcomes.map(({ userId }) => new UserAnswer({ id: userId } as User));
  const answerableAsWritten = selectsOnly(info, fieldsKnownAsWritten, ["user"]);
  const knownRows = outcomes.map(({ user }) => (user && answerableAsWritten ? rowAsWritten(query, user) : undefined));
  const unknownIds = outcomes.filter((_outcome, index) => knownRows[index] === undefined).map(({ userId }) => userId);
  const readRows = unknownIds.length === 0 ? [] : await readUsers(context.services.prisma, query, unknownIds);
  const readById = new Map(readRows.map((row) => [row.id, row]));
  return outcomes.map(({ userId }, index) => {
    const row = knownRows[index] ?? readById.get(userId);
    return row ? new UserAnswer(row) : new NotFoundError("user", deletedBeforeTheAnswer);
  });
}

const deletedBeforeTheAnswer = "The user was deleted before this answer could be read.";

/**
 * The query that loads what the query's `user` fields of `successType` select; undefined when they
 * select nothing but `id`, which the outcome itself answers.
 */
function plannedUserQuery(context: Context, info: GraphQLResolveInfo, successType: string): UserQuery | undefined {
  if (selectsOnly(info, fieldsKnownWithoutRead, ["user"])) return undefined;
  return queryFromInfo({ context, info, path: [{ name: "user", type: successType }] });
}

/**
 * For an update, which runs in a transaction of its own: its read of the user at the end of that
 * transaction, as `answerUsers` would read it after; undefined when the answer needs no read. The
 * answer is then the user as the update left them, not as a write committed right after it has
 * (two updates of one user at once would otherwise both answer the second).
 */
export function userReadBack(context: Context, info: GraphQLResolveInfo, successType: string): ReadInUpdate<User | null> | undefined {
  const query = plannedUserQuery(context, info, successType);
  return query && ((transaction, userId) => transaction.user.findUnique({ ...query, where: { id: userId } }) as Promise<User | null>);
}

/** The answer to an update that read its user with `userReadBack`. */
export function answerUpdate({ userId, read }: UpdatedUser<User | null>): UserAnswer {
  // The transaction held the user's row: a deletion waited for it.
  if (read === null) throw new NotFoundError("user", deletedBeforeTheAnswer);
  return new UserAnswer(read ?? ({ id: userId } as User));
}

/** `answerUsers` for one outcome, throwing its NotFoundError for the errors plugin to answer. */
export async function answerUser(context: Context, info: GraphQLResolveInfo, successType: string, outcome: UserOutcome): Promise<UserAnswer> {
  const [answer] = await answerUsers(context, info, successType, [outcome]);
  if (answer instanceof NotFoundError) throw answer;
  return answer!;
}

/**
 * What reading the user just written with `query` would return, if `written` holds all it selects:
 * the user's columns, and the primary email address and phone number (the one-row lists `email`,
 * `emailVerified`, `phoneNumber` and `phoneNumberVerified` read theirs from). Undefined for anything more.
 */
function rowAsWritten(query: UserQuery, written: WrittenUser): User | undefined {
  if (!query.select || query.include) return undefined;
  const row: Record<string, unknown> = {};
  for (const [key, selection] of Object.entries(query.select)) {
    if (key in written.columns) row[key] = written.columns[key as keyof WrittenUser["columns"]];
    else if (key === "emailAddresses") row[key] = primaryRowAsWritten(selection, written.primaryEmailAddress);
    else if (key === "phoneNumbers") row[key] = primaryRowAsWritten(selection, written.primaryPhoneNumber);
    if (row[key] === undefined) return undefined;
  }
  return row as User;
}

/** The list a `{ ...listQuery, select }` selection of the primary's own fields reads, as far as the primary is concerned. */
function primaryRowAsWritten(selection: unknown, primary: Record<string, unknown> | null): unknown[] | undefined {
  if (!isListSelection(selection)) return undefined;
  if (!primary) return [];
  const row: Record<string, unknown> = {};
  for (const key of Object.keys(selection.select)) {
    if (key === "primary") row[key] = true;
    else if (key in primary) row[key] = primary[key];
    else return undefined;
  }
  return [row];
}

const listOrderText = JSON.stringify(listQuery.orderBy);

function isListSelection(selection: unknown): selection is { select: Record<string, true> } {
  if (typeof selection !== "object" || selection === null) return false;
  const { orderBy, select, ...rest } = selection as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    JSON.stringify(orderBy) === listOrderText &&
    typeof select === "object" && select !== null && Object.values(select).every((value) => value === true)
  );
}

type UserQuery = { select?: Prisma.UserSelect; include?: Prisma.UserInclude };

/** The users with `ids` that still exist, loaded with `query`: one findMany for a thousand imported users. */
async function readUsers(prisma: PrismaClient, query: UserQuery, ids: string[]): Promise<User[]> {
  // The id maps each row back to its outcome, whether or not the client selected it.
  const withId = query.select ? { ...query, select: { ...query.select, id: true } } : query;
  return (await prisma.user.findMany({ ...withId, where: { id: { in: ids } } })) as User[];
}

builder.queryField("me", (t) =>
  t.prismaField({
    type: UserType,
    nullable: true,
    description: "The signed-in user, or null without a valid session.",
    resolve: (query, _root, _arguments, context) =>
      context.caller.userId === undefined
        ? null
        : context.services.prisma.user.findUnique({ ...query, where: { id: context.caller.userId } }),
  }),
);

builder.queryField("user", (t) =>
  t.prismaField({
    type: UserType,
    nullable: true,
    description: "A user by id (admin). Null when there is none.",
    authScopes: { admin: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, context) => {
      const userId = canonicalUserId(String(id));
      return userId === undefined ? null : context.services.prisma.user.findUnique({ ...query, where: { id: userId } });
    },
  }),
);
