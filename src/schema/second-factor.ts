import {
  InvalidCodeError,
  InvalidCredentialsError,
  NoTotpEnrollmentError,
  NotFoundError,
  TotpAlreadyEnabledError,
  TotpNotEnabledError,
  ValidationError,
} from "../domain/errors.ts";
import { disableTotp } from "../domain/second-factor/disable-totp.ts";
import type { OwnAccountCaller } from "../domain/users/own-account-changes.ts";
import { regenerateBackupCodes } from "../domain/second-factor/regenerate-backup-codes.ts";
import { beginTotpEnrollment, confirmTotpEnrollment, type BegunTotpEnrollment } from "../domain/second-factor/totp-enrollment.ts";
import type { User } from "../generated/prisma/client.ts";
import { builder } from "./builder.ts";
import type { Context } from "./context.ts";
import { withEndedSessionErrors, withRateLimitErrors } from "./graphql-errors.ts";
import { answerUpdate, userReadBack, userResultType, UserType } from "./user.ts";

// The signed-in user's own second factor: setting TOTP up (a new secret, then a code from it),
// turning it off, and new backup codes. An admin sets a user's with updateUser instead.

/** The signed-in caller, for fields whose `signedIn` scope guarantees a session. */
const ownAccountCaller = (context: Context): OwnAccountCaller => ({
  userId: context.caller.userId!,
  origin: context.origin,
  sessionToken: context.sessionCookie.requestToken!,
});

/** A session that ended meanwhile is refused as unauthenticated; a rate limit is HTTP 429. */
const asOwnChange = <Result>(work: () => Promise<Result>) => withEndedSessionErrors(() => withRateLimitErrors(work));

const BeginTotpEnrollmentSuccess = builder.objectRef<BegunTotpEnrollment>("BeginTotpEnrollmentSuccess").implement({
  description:
    "A new TOTP secret, shown this once: put it into an authenticator app (as the QR code of `otpauthUri`, or typed), then send a code it shows to confirmTotpEnrollment before `expiresAt`. TOTP is not on until then.",
  isTypeOf: (value) => typeof value === "object" && value !== null && "otpauthUri" in value,
  fields: (t) => ({
    secret: t.exposeString("secret", { description: "The secret, base32 (32 characters), for typing into an app." }),
    otpauthUri: t.exposeString("otpauthUri", {
      description: "otpauth://totp/<TOTP_ISSUER>:<account>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30, to show as a QR code.",
    }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", description: "Confirm before this (10 minutes); afterwards, begin again." }),
  }),
});

builder.mutationField("beginTotpEnrollment", (t) =>
  t.field({
    type: BeginTotpEnrollmentSuccess,
    description:
      "Starts setting up TOTP for the signed-in user: makes a new secret, replacing one begun before and not confirmed. Needs `currentPassword` when the account has a password; a wrong one counts as a failed sign-in.",
    authScopes: { signedIn: true },
    args: { currentPassword: t.arg.string() },
    errors: {
      types: [ValidationError, InvalidCredentialsError, TotpAlreadyEnabledError],
      directResult: true,
      union: { name: "BeginTotpEnrollmentResult" },
    },
    resolve: (_root, { currentPassword }, context) => asOwnChange(() => beginTotpEnrollment(context.services, ownAccountCaller(context), currentPassword)),
  }),
);

/** A success that carries the user and their new backup codes. */
class UserWithBackupCodes {
  constructor(
    readonly user: User,
    readonly backupCodes: string[],
  ) {}
}

function backupCodesResultType(name: string, description: string) {
  return builder.objectRef<UserWithBackupCodes>(name).implement({
    description,
    isTypeOf: (value) => value instanceof UserWithBackupCodes,
    fields: (t) => ({
      user: t.field({ type: UserType, resolve: (answer) => answer.user }),
      backupCodes: t.exposeStringList("backupCodes", {
        description: "Ten new single-use backup codes, shown this once: each signs in once in place of a TOTP code. Only their digests are kept.",
      }),
    }),
  });
}

const ConfirmTotpEnrollmentSuccess = backupCodesResultType(
  "ConfirmTotpEnrollmentSuccess",
  "TOTP is on: every sign-in now needs a code. The user's other sessions have ended; this one stays.",
);

builder.mutationField("confirmTotpEnrollment", (t) =>
  t.field({
    type: ConfirmTotpEnrollmentSuccess,
    description: "Turns TOTP on with the secret of beginTotpEnrollment, given a current code the authenticator app makes from it.",
    authScopes: { signedIn: true },
    args: { code: t.arg.string({ required: true, description: "The 6-digit code the app shows now." }) },
    errors: {
      types: [InvalidCodeError, NoTotpEnrollmentError, TotpAlreadyEnabledError, NotFoundError],
      directResult: true,
      union: { name: "ConfirmTotpEnrollmentResult" },
    },
    resolve: async (_root, { code }, context, info) => {
      const readBack = userReadBack(context, info, ConfirmTotpEnrollmentSuccess.name);
      const confirmed = await asOwnChange(() => confirmTotpEnrollment(context.services, ownAccountCaller(context), code, readBack));
      return new UserWithBackupCodes(answerUpdate(confirmed).user, confirmed.backupCodes);
    },
  }),
);

const DisableTotpSuccess = userResultType(
  "DisableTotpSuccess",
  "TOTP is off, and the unused backup codes are gone. The user's other sessions have ended; this one stays.",
);

builder.mutationField("disableTotp", (t) =>
  t.field({
    type: DisableTotpSuccess,
    description:
      "Turns the signed-in user's TOTP off. Needs both factors: `currentPassword` (when the account has a password) and `code`; a wrong one of either counts as a failed sign-in.",
    authScopes: { signedIn: true },
    args: {
      currentPassword: t.arg.string(),
      code: t.arg.string({ required: true, description: "A current TOTP code or an unused backup code." }),
    },
    errors: {
      types: [ValidationError, InvalidCredentialsError, InvalidCodeError, TotpNotEnabledError, NotFoundError],
      directResult: true,
      union: { name: "DisableTotpResult" },
    },
    resolve: async (_root, { currentPassword, code }, context, info) => {
      const readBack = userReadBack(context, info, DisableTotpSuccess.name);
      return answerUpdate(await asOwnChange(() => disableTotp(context.services, ownAccountCaller(context), { currentPassword, code }, readBack)));
    },
  }),
);

const RegenerateBackupCodesSuccess = backupCodesResultType(
  "RegenerateBackupCodesSuccess",
  "New backup codes: every code the user had before no longer works.",
);

builder.mutationField("regenerateBackupCodes", (t) =>
  t.field({
    type: RegenerateBackupCodesSuccess,
    description: "Replaces the signed-in user's backup codes with ten new ones, given a current TOTP code or an unused backup code (which it spends).",
    authScopes: { signedIn: true },
    args: { code: t.arg.string({ required: true, description: "A current TOTP code or an unused backup code." }) },
    errors: {
      types: [InvalidCodeError, TotpNotEnabledError, NotFoundError],
      directResult: true,
      union: { name: "RegenerateBackupCodesResult" },
    },
    resolve: async (_root, { code }, context, info) => {
      const readBack = userReadBack(context, info, RegenerateBackupCodesSuccess.name);
      const regenerated = await asOwnChange(() => regenerateBackupCodes(context.services, ownAccountCaller(context), code, readBack));
      return new UserWithBackupCodes(answerUpdate(regenerated).user, regenerated.backupCodes);
    },
  }),
);
