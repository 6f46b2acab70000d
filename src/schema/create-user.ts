import { ConflictError, NotFoundError, PasswordPolicyError, ValidationError } from "../domain/errors.ts";
import { createUser, type CreatedUser } from "../domain/users/create-user.ts";
import { importUsers, maximumImportRows } from "../domain/users/import-users.ts";
import { builder } from "./builder.ts";
import { PasswordHasherEnum } from "./enums.ts";
import { returningExpectedErrors, withArgumentPath } from "./errors.ts";
import { badRequest } from "./graphql-errors.ts";
import { IdentityInput, ProfileInput } from "./user-inputs.ts";
import { answerUser, answerUsers, userResultType } from "./user.ts";

export const CreateUserInput = builder.inputType("CreateUserInput", {
  description: "seed 004's create-user body, plus the seed-000 fields it lacks. The first entry of each list is primary.",
  fields: (t) => ({
    externalId: t.string({ description: "The user's id in your other systems; unique." }),
    firstName: t.string(),
    lastName: t.string(),
    emailAddress: t.stringList({ description: "Unique; the first is primary." }),
    phoneNumber: t.stringList({ description: "Unique, stored as E.164; the first is primary." }),
    web3Wallet: t.stringList({ description: "0x + 40 hex digits (EIP-55 checked when mixed case); the first is primary." }),
    username: t.string(),
    password: t.string({ description: "Plain text, hashed with argon2id." }),
    passwordDigest: t.string({ description: "An existing digest, in the format of `passwordHasher`." }),
    passwordHasher: t.field({ type: PasswordHasherEnum }),
    skipPasswordChecks: t.boolean({ description: "Skip the password policy." }),
    skipPasswordRequirement: t.boolean({ description: "Allow a user without a password." }),
    totpSecret: t.string({ description: "Base32; 30 s, 6 digits, SHA-1. Stored encrypted." }),
    backupCodes: t.stringList({
      description: "Plain codes or their bcrypt digests. Only with a totpSecret: they stand in for a TOTP code.",
    }),
    publicMetadata: t.field({ type: "JSONObject", description: "At most 8 KiB." }),
    privateMetadata: t.field({ type: "JSONObject", description: "At most 8 KiB; readable only with an admin key." }),
    unsafeMetadata: t.field({ type: "JSONObject", description: "At most 8 KiB." }),
    deleteSelfEnabled: t.boolean(),
    legalAcceptedAt: t.string({ description: "RFC 3339 date-time." }),
    skipLegalChecks: t.boolean(),
    createOrganizationEnabled: t.boolean(),
    createOrganizationsLimit: t.field({ type: "Long", description: "0 means unlimited." }),
    createdAt: t.string({ description: "RFC 3339 date-time; defaults to now." }),
    name: t.string(),
    picture: t.string({ description: "An absolute http(s) URL." }),
    profile: t.field({ type: ProfileInput }),
    identities: t.field({ type: [IdentityInput] }),
    metadata: t.field({ type: "JSONObject", description: "At most 10 keys; string, number, boolean or null values." }),
    blocked: t.boolean(),
    emailVerified: t.boolean({ description: "Marks every given email address verified." }),
    phoneNumberVerified: t.boolean({ description: "Marks every given phone number verified." }),
    loginAttempts: t.int({ description: "0 to 20000." }),
    verifyEmail: t.boolean({ description: "Send a verification link to the primary email address." }),
  }),
});

const CreateUserSuccess = userResultType("CreateUserSuccess", "The user was created.");

// One union for createUser and for each row of importUsers (SPEC section 8). NotFoundError: the user
// was deleted before the answer could read them (`answerUsers`).
const createUserErrors = [ValidationError, ConflictError, PasswordPolicyError, NotFoundError];
const CreateUserResult = builder.errorUnion("CreateUserResult", { types: [CreateUserSuccess, ...createUserErrors] });

builder.mutationField("createUser", (t) =>
  t.field({
    type: CreateUserResult,
    description: "Creates a user, e.g. from a back office or a migration. Needs an admin API key.",
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: (_root, { input }, context, info) =>
      returningExpectedErrors(createUserErrors, async () => {
        const created = await withArgumentPath(["input"], () => createUser(context.services, input));
        return answerUser(context, info, CreateUserSuccess.name, created);
      }),
  }),
);

builder.mutationField("importUsers", (t) =>
  t.field({
    type: [CreateUserResult],
    description: `Creates up to ${maximumImportRows} users with the rules of createUser (admin). One result per row, in input order; a bad row never blocks the others, and a row repeating an earlier row's unique value gets the ConflictError. Field error paths start with ["users", "<row index>"].`,
    authScopes: { admin: true },
    args: { users: t.arg({ type: [CreateUserInput], required: true }) },
    resolve: async (_root, { users }, context, info) => {
      if (users.length > maximumImportRows) {
        throw badRequest(`importUsers takes at most ${maximumImportRows} users per call; split the file into batches.`);
      }
      const results = await importUsers(context.services, users);
      const answers = await answerUsers(context, info, CreateUserSuccess.name, results.filter((result): result is CreatedUser => !(result instanceof Error)));
      let created = 0;
      return results.map((result, index) => {
        if (result instanceof ValidationError) return result.withPathPrefix(["users", String(index)]);
        return result instanceof Error ? result : answers[created++]!;
      });
    },
  }),
);
