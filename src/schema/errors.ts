import {
  ConflictError,
  ForbiddenError,
  InvalidCodeError,
  InvalidCredentialsError,
  InvalidTokenError,
  NoTotpEnrollmentError,
  NotFoundError,
  NothingToVerifyError,
  PasswordPolicyError,
  SecondFactorRequiredError,
  TotpAlreadyEnabledError,
  TotpNotEnabledError,
  UserBlockedError,
  ValidationError,
} from "../domain/errors.ts";
import { builder } from "./builder.ts";

// The domain's expected failures as result types (SPEC section 5), all behind `interface Error`.

export const ErrorInterface = builder.interfaceRef<Error>("Error").implement({
  description: "An expected failure, returned as data. `message` is meant for people.",
  fields: (t) => ({ message: t.exposeString("message") }),
});

const FieldErrorType = builder
  .objectRef<{ path: string[]; message: string }>("FieldError")
  .implement({
    description: 'One invalid field: its path from the argument, e.g. ["input","profile","addresses","0","zipCode"].',
    fields: (t) => ({
      path: t.exposeStringList("path"),
      message: t.exposeString("message"),
    }),
  });

builder.objectType(ValidationError, {
  name: "ValidationError",
  description: "Every invalid field of the input at once.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ValidationError,
  fields: (t) => ({ fieldErrors: t.field({ type: [FieldErrorType], resolve: (error) => error.fieldErrors }) }),
});

builder.objectType(ConflictError, {
  name: "ConflictError",
  description: "A unique value (email, phone, wallet, username, externalId, identity) is already taken.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ConflictError,
  fields: (t) => ({ fields: t.exposeStringList("fields") }),
});

builder.objectType(PasswordPolicyError, {
  name: "PasswordPolicyError",
  description: "The password breaks the policy; one reason per broken rule.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof PasswordPolicyError,
  fields: (t) => ({ reasons: t.exposeStringList("reasons") }),
});

builder.objectType(ForbiddenError, {
  name: "ForbiddenError",
  description: "The caller may not set these fields (they need an admin API key).",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ForbiddenError,
  fields: (t) => ({ fields: t.exposeStringList("fields") }),
});

builder.objectType(InvalidCredentialsError, {
  name: "InvalidCredentialsError",
  description: "Unknown identifier or wrong password; the two are indistinguishable on purpose.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidCredentialsError,
});

builder.objectType(SecondFactorRequiredError, {
  name: "SecondFactorRequiredError",
  description: "The password was right; the account needs a TOTP or backup code as `code` (none or a wrong one was given).",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof SecondFactorRequiredError,
  fields: (t) => ({ codeWasGiven: t.exposeBoolean("codeWasGiven") }),
});

builder.objectType(UserBlockedError, {
  name: "UserBlockedError",
  description: "The password was right, but the account is blocked.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof UserBlockedError,
});

builder.objectType(NotFoundError, {
  name: "NotFoundError",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
  fields: (t) => ({ resource: t.exposeString("resource") }),
});

builder.objectType(InvalidTokenError, {
  name: "InvalidTokenError",
  description: "The token of a mailed link (email verification, password reset) is unknown, expired or already used; the three are indistinguishable on purpose.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidTokenError,
});

builder.objectType(NothingToVerifyError, {
  name: "NothingToVerifyError",
  description: "The account has no unverified primary email address to send a verification link to.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NothingToVerifyError,
});

builder.objectType(TotpAlreadyEnabledError, {
  name: "TotpAlreadyEnabledError",
  description: "The account has TOTP on already; disableTotp turns it off.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof TotpAlreadyEnabledError,
});

builder.objectType(TotpNotEnabledError, {
  name: "TotpNotEnabledError",
  description: "The account has no TOTP to turn off or to make backup codes for.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof TotpNotEnabledError,
});

builder.objectType(NoTotpEnrollmentError, {
  name: "NoTotpEnrollmentError",
  description: "No TOTP setup waits for a code: it expired, was confirmed already, or was never begun; the three are answered alike.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NoTotpEnrollmentError,
});

builder.objectType(InvalidCodeError, {
  name: "InvalidCodeError",
  description: "The code is wrong, or was used already: a current code of the new secret when confirming a TOTP setup; otherwise a current TOTP code or an unused backup code.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidCodeError,
});

/** Runs a domain call and prefixes field error paths with the argument's name. */
export async function withArgumentPath<Result>(argument: string[], work: () => Promise<Result>): Promise<Result> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof ValidationError ? error.withPathPrefix(argument) : error;
  }
}

/**
 * For fields typed with an `errorUnion`: an expected failure of the listed classes becomes the
 * field's value (a member of the union); anything else stays a fault.
 */
export async function returningExpectedErrors<Result, ExpectedClass extends new (...parameters: never[]) => Error>(
  expected: readonly ExpectedClass[],
  work: () => Promise<Result>,
): Promise<Result | InstanceType<ExpectedClass>> {
  try {
    return await work();
  } catch (error) {
    if (expected.some((type) => error instanceof type)) return error as InstanceType<ExpectedClass>;
    throw error;
  }
}
