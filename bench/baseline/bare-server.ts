// Sizes libuv's thread pool by the server's own rule: the sign-up baseline hashes like the server.
import "../../src/thread-pool.ts";
import { createServer } from "node:http";
import { createSchema, createYoga } from "graphql-yoga";
import { JSONObjectResolver } from "graphql-scalars";
import { loadConfig } from "../../src/config.ts";
import { connectDatabase } from "../../src/db/client.ts";
import { applyMigrations } from "../../src/db/migrate.ts";
import type { Prisma } from "../../src/generated/prisma/client.ts";
import { hashNewPassword, type StoredDigest } from "../../src/domain/passwords/password-hashing.ts";
import { verifyPassword } from "../../src/domain/passwords/verify-password.ts";
import { newRandomToken } from "../../src/domain/random-tokens.ts";
import { uuidV7 } from "../../src/domain/users/uuid-v7.ts";
import type { BenchCreateUserInput } from "../create-user-input.ts";
import { serverArgon2Settings } from "../password-settings.ts";

// The baselines: Yoga writing the same rows as our mutations, with no validation, no plugins and no
// error handling. What is left is the cost of the stack itself (RECIPES.md, "What a sign-up costs
// here").
//   createUser (issue #7: "Yoga + Prisma inserting the same rows"): user, primary email address,
//     the given password digest, in one Prisma nested create.
//   signUp (RECIPES.md: "a bare Yoga server that hashes and runs one raw INSERT"): user, primary
//     email address, an argon2id digest at the server's settings and a session, in one SQL
//     statement run by the driver.
//   signIn, the same for signing in: one raw SELECT of the digest by email, the verification,
//     one raw INSERT of the session.
//   seedUsers writes users (one statement, a given digest) for the baselines that read them, since
//     on the embedded database this process has a database of its own.
//   userByEmail and userPage, the back office's reads: one Prisma read of the users (by email; or
//     the page after an id, in id order) with their primary email, primary phone number and
//     profile, the fields the lookup and page scenarios ask of our `users`, returned as JSON (no
//     field resolvers, no auth scopes).
//   userByEmailFromDriver, the same lookup as one SQL statement run by the driver, without Prisma's
//     client: the floor of Yoga itself.

const database = connectDatabase(loadConfig({ DATABASE_URL: process.env.DATABASE_URL }).database);
await applyMigrations(database);

const sessionTimeToLiveMilliseconds = 30 * 24 * 60 * 60 * 1000;
const createdUserSelection = { id: true, emailAddresses: { select: { email: true } } } as const;

const signUpStatement = `
  WITH new_user AS (INSERT INTO "User" (id, name, "updatedAt") VALUES ($1, $2, now())),
  email AS (INSERT INTO "EmailAddress" (id, "userId", email, "emailNormalized", "primary") VALUES ($3, $1, $4, $5, true)),
  password AS (INSERT INTO "PasswordCredential" ("userId", algorithm, digest, "updatedAt") VALUES ($1, $6, $7, now()))
  INSERT INTO "Session" (id, "userId", "tokenHash", "expiresAt") VALUES ($8, $1, $9, $10)`;

const backOfficeUserSelection = {
  id: true,
  username: true,
  firstName: true,
  lastName: true,
  blocked: true,
  createdAt: true,
  emailAddresses: { where: { primary: true }, select: { email: true, verified: true } },
  phoneNumbers: { where: { primary: true }, select: { phoneNumber: true } },
  profile: { select: { locale: true, zoneinfo: true } },
} as const;

type BackOfficeUserRow = Prisma.UserGetPayload<{ select: typeof backOfficeUserSelection }>;

function backOfficeUser({ emailAddresses, phoneNumbers, ...fields }: BackOfficeUserRow) {
  const [email] = emailAddresses;
  return { ...fields, email: email?.email ?? null, emailVerified: email?.verified ?? false, phoneNumber: phoneNumbers[0]?.phoneNumber ?? null };
}

// backOfficeUser's fields, in the same shape.
const userByEmailStatement = `
  SELECT u.id, u.username, u."firstName", u."lastName", u.blocked, u."createdAt", e.email, e.verified AS "emailVerified",
    (SELECT p."phoneNumber" FROM "PhoneNumber" p WHERE p."userId" = u.id AND p."primary") AS "phoneNumber",
    (SELECT json_build_object('locale', pr.locale, 'zoneinfo', pr.zoneinfo) FROM "Profile" pr WHERE pr."userId" = u.id) AS profile
  FROM "EmailAddress" e JOIN "User" u ON u.id = e."userId"
  WHERE e."emailNormalized" = $1`;

function createdUser(user: { id: string; emailAddresses: Array<{ email: string }> }) {
  return { id: user.id, email: user.emailAddresses[0]?.email ?? null };
}

const signInLookupStatement = `
  SELECT e."userId" AS id, p.algorithm, p.digest
  FROM "EmailAddress" e JOIN "PasswordCredential" p ON p."userId" = e."userId"
  WHERE e."emailNormalized" = lower($1)`;

const sessionStatement = `INSERT INTO "Session" (id, "userId", "tokenHash", "expiresAt") VALUES ($1, $2, $3, $4)`;

const seedUsersStatement = `
  WITH seeded AS (
    SELECT coalesce(id, gen_random_uuid()) AS id, email FROM jsonb_to_recordset($1::jsonb) AS given(id uuid, email text)
  ),
  new_user AS (INSERT INTO "User" (id, "updatedAt") SELECT id, now() FROM seeded),
  email AS (
    INSERT INTO "EmailAddress" (id, "userId", email, "emailNormalized", "primary")
    SELECT gen_random_uuid(), id, email, lower(email), true FROM seeded
  )
  INSERT INTO "PasswordCredential" ("userId", algorithm, digest, "updatedAt") SELECT id, 'argon2id', $2, now() FROM seeded`;

export interface BenchSeedUsersInput {
  /** Without an id, a user gets a random one. */
  users: Array<{ id?: string; email: string }>;
  digest: string;
}

interface BenchSignInInput {
  identifier: string;
  password: string;
}

interface BenchSignUpInput {
  email: string;
  password: string;
  name: string;
}

const schema = createSchema({
  typeDefs: /* GraphQL */ `
    scalar JSONObject
    type CreatedUser {
      id: ID!
      email: String
    }
    type Query {
      ready: Boolean!
      userByEmail(email: String!): JSONObject
      userByEmailFromDriver(email: String!): JSONObject
      userPage(after: ID!, first: Int!): JSONObject!
    }
    type Mutation {
      createUser(input: JSONObject!): CreatedUser!
      signUp(input: JSONObject!): CreatedUser!
      signIn(input: JSONObject!): CreatedUser!
      seedUsers(input: JSONObject!): Boolean!
    }
  `,
  resolvers: {
    JSONObject: JSONObjectResolver,
    Query: {
      ready: () => true,
      userByEmail: async (_root: unknown, { email }: { email: string }) => {
        const user = await database.prisma.user.findFirst({
          where: { emailAddresses: { some: { emailNormalized: email.toLowerCase() } } },
          select: backOfficeUserSelection,
        });
        return user && backOfficeUser(user);
      },
      userByEmailFromDriver: async (_root: unknown, { email }: { email: string }) => {
        const [user] = await database.statements.query<Record<string, unknown>>(userByEmailStatement, [email.toLowerCase()]);
        return user ?? null;
      },
      userPage: async (_root: unknown, { after, first }: { after: string; first: number }) => {
        const users = await database.prisma.user.findMany({
          cursor: { id: after },
          skip: 1,
          take: first + 1,
          orderBy: { id: "asc" },
          select: backOfficeUserSelection,
        });
        return { users: users.slice(0, first).map(backOfficeUser), hasNextPage: users.length > first };
      },
    },
    Mutation: {
      signIn: async (_root: unknown, { input }: { input: BenchSignInInput }) => {
        const [user] = await database.statements.query<StoredDigest & { id: string }>(signInLookupStatement, [input.identifier]);
        if (!user || !(await verifyPassword(input.password, user))) throw new Error("wrong email or password");
        const session = newRandomToken(sessionTimeToLiveMilliseconds);
        await database.statements.query(sessionStatement, [uuidV7(), user.id, session.tokenHash, session.expiresAt]);
        return { id: user.id, email: input.identifier };
      },
      seedUsers: async (_root: unknown, { input }: { input: BenchSeedUsersInput }) => {
        await database.statements.query(seedUsersStatement, [JSON.stringify(input.users), input.digest]);
        // Planner statistics for the rows just written, so that the reads after it are the best case.
        await database.statements.query(`ANALYZE "User", "EmailAddress"`, []);
        return true;
      },
      createUser: async (_root: unknown, { input }: { input: BenchCreateUserInput }) => {
        const [email] = input.emailAddress;
        const user = await database.prisma.user.create({
          data: {
            username: input.username,
            usernameNormalized: input.username.toLowerCase(),
            firstName: input.firstName,
            lastName: input.lastName,
            emailAddresses: { create: { email, emailNormalized: email.toLowerCase(), primary: true } },
            passwordCredential: { create: { algorithm: "bcrypt", digest: input.passwordDigest } },
          },
          select: createdUserSelection,
        });
        return createdUser(user);
      },
      signUp: async (_root: unknown, { input }: { input: BenchSignUpInput }) => {
        const password = await hashNewPassword(input.password, { function: "ARGON2" }, serverArgon2Settings);
        const session = newRandomToken(sessionTimeToLiveMilliseconds);
        const id = uuidV7();
        await database.statements.query(signUpStatement, [
          id,
          input.name,
          uuidV7(),
          input.email,
          input.email.toLowerCase(),
          password.algorithm,
          password.digest,
          uuidV7(),
          session.tokenHash,
          session.expiresAt,
        ]);
        return { id, email: input.email };
      },
    },
  },
});

// Without Yoga's default body limit, as our server runs: it pipes every body through a stream per
// request, which costs more than the rest of a lookup (README *Performance*, *Lookups and the 5 ms p99*).
const server = createServer(createYoga({ schema, logging: false, landingPage: false, graphiql: false, maxRequestBodySize: false }));
server.listen(Number(process.env.PORT), "127.0.0.1");
process.once("SIGTERM", () => {
  server.close(() => void database.close().then(() => process.exit(0)));
  server.closeIdleConnections();
});
