import {
  ConflictError,
  InvalidCredentialsError,
  NotFoundError,
  PasswordPolicyError,
  ValidationError,
} from "../domain/errors.ts";
import { updateMe, updateUser } from "../domain/users/update-user.ts";
import { builder } from "./builder.ts";
import { PasswordHasherEnum } from "./enums.ts";
import { withArgumentPath } from "./errors.ts";
import { withEndedSessionErrors, withRateLimitErrors } from "./graphql-errors.ts";
import { IdentityInput, ProfileInput } from "./user-inputs.ts";
import { answerUpdate, userReadBack, userResultType } from "./user.ts";

const clears = "null clears it.";
const replaces = "Replaces the whole list (the first is primary; addresses that stay keep their verification); null empties it.";

const UpdateUserInput = builder.inputType("UpdateUserInput", {
  description: "Every field is optional: absent fields stay as they are, null clears. The rules of createUser apply.",
  fields: (t) => ({
    externalId: t.string({ description: clears }),
    username: t.string({ description: clears }),
    name: t.string({ description: clears }),
    firstName: t.string({ description: clears }),
    lastName: t.string({ description: clears }),
    picture: t.string({ description: clears }),
    emailAddress: t.stringList({ description: replaces }),
    phoneNumber: t.stringList({ description: replaces }),
    web3Wallet: t.stringList({ description: replaces }),
    identities: t.field({
      type: [IdentityInput],
      description: "Replaces every identity, in the order given; null removes them. An identity's provider and id belong to one user.",
    }),
    emailVerified: t.boolean({ description: "Marks every email address verified (true) or not (false)." }),
    phoneNumberVerified: t.boolean({ description: "Marks every phone number verified (true) or not (false)." }),
    password: t.string({ description: "A new password (argon2id); null removes the password." }),
    passwordDigest: t.string({ description: "A new imported digest, with passwordHasher." }),
    passwordHasher: t.field({ type: PasswordHasherEnum }),
    skipPasswordChecks: t.boolean(),
    skipPasswordRequirement: t.boolean({ description: "As in createUser; updateUser never requires a password (null removes it), so it changes nothing." }),
    totpSecret: t.string({ description: "A new base32 TOTP secret; null turns TOTP off and removes the unused backup codes." }),
    backupCodes: t.stringList({
      description:
        "Replaces every backup code; null removes them. A code the user already used cannot be given again (ValidationError). New codes need TOTP: the user's, or a totpSecret given with them.",
    }),
    metadata: t.field({ type: "JSONObject", description: "Replaces the object (no merge); null empties it." }),
    publicMetadata: t.field({ type: "JSONObject", description: "Replaces the object (no merge); null empties it." }),
    privateMetadata: t.field({ type: "JSONObject", description: "Replaces the object (no merge); null empties it." }),
    unsafeMetadata: t.field({ type: "JSONObject", description: "Replaces the object (no merge); null empties it." }),
    profile: t.field({ type: ProfileInput, description: "Replaces the whole profile; null removes it." }),
    blocked: t.boolean({ description: "Blocking ends the user's sessions." }),
    loginAttempts: t.int(),
    deleteSelfEnabled: t.boolean(),
    createOrganizationEnabled: t.boolean(),
    createOrganizationsLimit: t.field({ type: "Long" }),
    legalAcceptedAt: t.string({ description: "RFC 3339 date-time; null clears it (with skipLegalChecks when LEGAL_ACCEPTANCE_REQUIRED)." }),
    skipLegalChecks: t.boolean({ description: "Allows clearing legalAcceptedAt where the instance requires legal acceptance." }),
    createdAt: t.string({
      description: "RFC 3339 date-time: when the account was opened (at another provider, say). It cannot be cleared, and does not move the user in `users`.",
    }),
    verifyEmail: t.boolean({
      description: "Mails a verification link to the primary email address the update leaves, with the update; refused when that address is verified already.",
    }),
  }),
});

const UpdateMeInput = builder.inputType("UpdateMeInput", {
  description: "What users may change about themselves. Absent fields stay; null clears.",
  fields: (t) => ({
    username: t.string(),
    name: t.string(),
    firstName: t.string(),
    lastName: t.string(),
    picture: t.string(),
    profile: t.field({ type: ProfileInput, description: "Replaces the whole profile; null removes it." }),
    unsafeMetadata: t.field({ type: "JSONObject", description: "Replaces the object; null empties it." }),
    password: t.string({
      description: "A new password; needs currentPassword when the account has one. Removing it (null) is refused: it is the only way to sign in.",
    }),
    currentPassword: t.string(),
  }),
});

const UpdateUserSuccess = userResultType("UpdateUserSuccess", "The user after the update.");
const UpdateMeSuccess = userResultType("UpdateMeSuccess", "The signed-in user after the update.");

builder.mutationField("updateUser", (t) =>
  t.field({
    type: UpdateUserSuccess,
    description: "Changes a user (admin). Lists and metadata objects are replaced, not merged.",
    authScopes: { admin: true },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateUserInput, required: true }) },
    errors: {
      types: [ValidationError, ConflictError, PasswordPolicyError, NotFoundError],
      directResult: true,
      union: { name: "UpdateUserResult" },
    },
    resolve: async (_root, { id, input }, context, info) => {
      const readBack = userReadBack(context, info, UpdateUserSuccess.name);
      return answerUpdate(await withArgumentPath(["input"], () => updateUser(context.services, String(id), input, { readBack })));
    },
  }),
);

builder.mutationField("updateMe", (t) =>
  t.field({
    type: UpdateMeSuccess,
    description: "Changes the signed-in user's own account.",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: UpdateMeInput, required: true }) },
    errors: {
      types: [ValidationError, ConflictError, PasswordPolicyError, InvalidCredentialsError, NotFoundError],
      directResult: true,
      union: { name: "UpdateMeResult" },
    },
    resolve: async (_root, { input }, context, info) => {
      const readBack = userReadBack(context, info, UpdateMeSuccess.name);
      // Signed in: the request came with a session token.
      const caller = { origin: context.origin, sessionToken: context.sessionCookie.requestToken! };
      return answerUpdate(
        await withEndedSessionErrors(() =>
          withRateLimitErrors(() => withArgumentPath(["input"], () => updateMe(context.services, context.caller.userId!, input, caller, readBack))),
        ),
      );
    },
  }),
);
