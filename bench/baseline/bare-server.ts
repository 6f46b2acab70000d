// Sizes libuv's thread pool by the server's own rule: the sign-up baseline hashes like the server.
import "../../src/thread-pool.ts";
import { createServer } from "node:http";
import { createSchema, createYoga } from "graphql-yoga";
import { JSONObjectResolver } from "graphql-scalars";
import { loadConfig } from "../../src/config.ts";
import { connectDatabase } from "../../src/db/client.ts";
import { applyMigrations } from "../../src/db/migrate.ts";
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
//     one raw INSERT of the session. `seedSignInUsers` writes its users (one statement, a given
//     digest), since on the embedded database this process has a database of its own.

const database = connectDatabase(loadConfig({ DATABASE_URL: process.env.DATABASE_URL }).database);
await applyMigrations(database);

const sessionTimeToLiveMilliseconds = 30 * 24 * 60 * 60 * 1000;
const createdUserSelection = { id: true, emailAddresses: { select: { email: true } } } as const;

const signUpStatement = `
  WITH new_user AS (INSERT INTO "User" (id, name, "updatedAt") VALUES ($1, $2, now())),
  email AS (INSERT INTO "EmailAddress" (id, "userId", email, "emailNormalized", "primary") VALUES ($3, $1, $4, $5, true)),
  password AS (INSERT INTO "PasswordCredential" ("userId", algorithm, digest, "updatedAt") VALUES ($1, $6, $7, now()))
  INSERT INTO "Session" (id, "userId", "tokenHash", "expiresAt") VALUES ($8, $1, $9, $10)`;

function createdUser(user: { id: string; emailAddresses: Array<{ email: string }> }) {
  return { id: user.id, email: user.emailAddresses[0]?.email ?? null };
}

const signInLookupStatement = `
  SELECT e."userId" AS id, p.algorithm, p.digest
  FROM "EmailAddress" e JOIN "PasswordCredential" p ON p."userId" = e."userId"
  WHERE e."emailNormalized" = lower($1)`;

const sessionStatement = `INSERT INTO "Session" (id, "userId", "tokenHash", "expiresAt") VALUES ($1, $2, $3, $4)`;

const seedSignInUsersStatement = `
  WITH seeded AS (SELECT gen_random_uuid() AS id, email FROM jsonb_array_elements_text($1::jsonb) AS email),
  new_user AS (INSERT INTO "User" (id, "updatedAt") SELECT id, now() FROM seeded),
  email AS (
    INSERT INTO "EmailAddress" (id, "userId", email, "emailNormalized", "primary")
    SELECT gen_random_uuid(), id, email, lower(email), true FROM seeded
  )
  INSERT INTO "PasswordCredential" ("userId", algorithm, digest, "updatedAt") SELECT id, 'argon2id', $2, now() FROM seeded`;

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
    }
    type Mutation {
      createUser(input: JSONObject!): CreatedUser!
      signUp(input: JSONObject!): CreatedUser!
      signIn(input: JSONObject!): CreatedUser!
      seedSignInUsers(input: JSONObject!): Boolean!
    }
  `,
  resolvers: {
    JSONObject: JSONObjectResolver,
    Query: { ready: () => true },
    Mutation: {
      signIn: async (_root: unknown, { input }: { input: BenchSignInInput }) => {
        const [user] = await database.statements.query<StoredDigest & { id: string }>(signInLookupStatement, [input.identifier]);
        if (!user || !(await verifyPassword(input.password, user))) throw new Error("wrong email or password");
        const session = newRandomToken(sessionTimeToLiveMilliseconds);
        await database.statements.query(sessionStatement, [uuidV7(), user.id, session.tokenHash, session.expiresAt]);
        return { id: user.id, email: input.identifier };
      },
      seedSignInUsers: async (_root: unknown, { input }: { input: { emails: string[]; digest: string } }) => {
        await database.statements.query(seedSignInUsersStatement, [JSON.stringify(input.emails), input.digest]);
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

const server = createServer(createYoga({ schema, logging: false, landingPage: false, graphiql: false }));
server.listen(Number(process.env.PORT), "127.0.0.1");
process.once("SIGTERM", () => {
  server.close(() => void database.close().then(() => process.exit(0)));
  server.closeIdleConnections();
});
