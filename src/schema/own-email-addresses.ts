import { ConflictError, InvalidCredentialsError, NotFoundError, ValidationError } from "../domain/errors.ts";
import {
  addEmailAddress,
  maximumEmailAddressesPerUser,
  removeEmailAddress,
  setPrimaryEmailAddress,
} from "../domain/users/own-email-addresses.ts";
import { builder } from "./builder.ts";
import { withEndedSessionErrors, withRateLimitErrors } from "./graphql-errors.ts";
import type { Context } from "./context.ts";
import { answerUpdate, userReadBack, userResultType } from "./user.ts";

// A signed-in user's own email addresses (Clerk's way): add one, verify it by the link mailed to
// it (verifyEmail), make it primary, remove the old one.

const currentPasswordDescription =
  "Required when the account has a password: password reset links go to any of the user's addresses, so a session alone must not change them. A wrong one counts as a failed sign-in.";

const AddEmailAddressSuccess = userResultType("AddEmailAddressSuccess", "The signed-in user with the new, unverified address; a verification link is on its way to it.");
const SetPrimaryEmailAddressSuccess = userResultType("SetPrimaryEmailAddressSuccess", "The signed-in user with the address as primary.");
const RemoveEmailAddressSuccess = userResultType("RemoveEmailAddressSuccess", "The signed-in user without the address.");

/** The signed-in caller, for the domain: where the request comes from and its session. */
function ownerOf(context: Context) {
  // Signed in (the auth scope): the request came with a session token.
  return { userId: context.caller.userId!, caller: { origin: context.origin, sessionToken: context.sessionCookie.requestToken! } };
}

builder.mutationField("addEmailAddress", (t) =>
  t.field({
    type: AddEmailAddressSuccess,
    description: `Adds an email address to the signed-in user's, unverified (primary only when they had none), and mails a verification link to it. At most ${maximumEmailAddressesPerUser} addresses; another user's address is a ConflictError, counted against the sign-up limit.`,
    authScopes: { signedIn: true },
    args: { email: t.arg.string({ required: true }), currentPassword: t.arg.string({ description: currentPasswordDescription }) },
    errors: {
      types: [ValidationError, ConflictError, InvalidCredentialsError, NotFoundError],
      directResult: true,
      union: { name: "AddEmailAddressResult" },
    },
    resolve: async (_root, input, context, info) => {
      const { userId, caller } = ownerOf(context);
      const readBack = userReadBack(context, info, AddEmailAddressSuccess.name);
      return answerUpdate(await withEndedSessionErrors(() => withRateLimitErrors(() => addEmailAddress(context.services, userId, input, caller, readBack))));
    },
  }),
);

builder.mutationField("setPrimaryEmailAddress", (t) =>
  t.field({
    type: SetPrimaryEmailAddressSuccess,
    description: "Makes one of the signed-in user's verified email addresses the primary one.",
    authScopes: { signedIn: true },
    args: { email: t.arg.string({ required: true }), currentPassword: t.arg.string({ description: currentPasswordDescription }) },
    errors: {
      types: [ValidationError, InvalidCredentialsError, NotFoundError],
      directResult: true,
      union: { name: "SetPrimaryEmailAddressResult" },
    },
    resolve: async (_root, input, context, info) => {
      const { userId, caller } = ownerOf(context);
      const readBack = userReadBack(context, info, SetPrimaryEmailAddressSuccess.name);
      return answerUpdate(await withEndedSessionErrors(() => withRateLimitErrors(() => setPrimaryEmailAddress(context.services, userId, input, caller, readBack))));
    },
  }),
);

builder.mutationField("removeEmailAddress", (t) =>
  t.field({
    type: RemoveEmailAddressSuccess,
    description:
      "Removes one of the signed-in user's email addresses, with the links mailed to it (verification, password reset). The oldest address left becomes primary in a primary one's place. Refused for the only identifier (no phone number, no username) of an account with a password.",
    authScopes: { signedIn: true },
    args: { email: t.arg.string({ required: true }), currentPassword: t.arg.string({ description: currentPasswordDescription }) },
    errors: {
      types: [ValidationError, InvalidCredentialsError, NotFoundError],
      directResult: true,
      union: { name: "RemoveEmailAddressResult" },
    },
    resolve: async (_root, input, context, info) => {
      const { userId, caller } = ownerOf(context);
      const readBack = userReadBack(context, info, RemoveEmailAddressSuccess.name);
      return answerUpdate(await withEndedSessionErrors(() => withRateLimitErrors(() => removeEmailAddress(context.services, userId, input, caller, readBack))));
    },
  }),
);
