/**
 * The expected failures of the domain. The GraphQL layer exposes each class as a result type
 * implementing `interface Error { message }` (SPEC section 5); anything else thrown is a fault.
 */

export interface FieldError {
  /** Path from the operation's argument, e.g. ["input", "profile", "addresses", "0", "zipCode"]. */
  path: string[];
  message: string;
}

export class ValidationError extends Error {
  /** One per field, in the order the problems were found: a field with several problems has their messages in one. */
  readonly fieldErrors: FieldError[];

  constructor(problems: FieldError[]) {
    const fieldErrors = onePerField(problems);
    super(
      fieldErrors.length === 1
        ? `Invalid value for ${fieldErrors[0]!.path.join(".")}: ${fieldErrors[0]!.message}`
        : `${fieldErrors.length} fields are invalid: ${fieldErrors.map((error) => error.path.join(".")).join(", ")}.`,
    );
    this.fieldErrors = fieldErrors;
    this.name = "ValidationError";
  }

  /** The same errors with `prefix` before each path (the argument name, a list index). */
  withPathPrefix(prefix: string[]): ValidationError {
    return new ValidationError(this.fieldErrors.map((error) => ({ ...error, path: [...prefix, ...error.path] })));
  }
}

// A client shows an error beside the input its path names: two entries for one input would show one.
function onePerField(problems: readonly FieldError[]): FieldError[] {
  const byPath = new Map<string, { path: string[]; messages: Set<string> }>();
  for (const { path, message } of problems) {
    const key = JSON.stringify(path);
    const field = byPath.get(key) ?? { path, messages: new Set<string>() };
    field.messages.add(message);
    byPath.set(key, field);
  }
  return [...byPath.values()].map(({ path, messages }) => ({ path, message: [...messages].join(" ") }));
}

export class ConflictError extends Error {
  constructor(readonly fields: string[]) {
    super(`Already taken by another user: ${fields.join(", ")}.`);
    this.name = "ConflictError";
  }
}

export class PasswordPolicyError extends Error {
  constructor(readonly reasons: string[]) {
    super(`The password does not meet the password policy: ${reasons.join(" ")}`);
    this.name = "PasswordPolicyError";
  }
}

export class ForbiddenError extends Error {
  constructor(
    readonly fields: string[],
    message = `Only an admin API key may set: ${fields.join(", ")}.`,
  ) {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** The same message for an unknown identifier and a wrong password, so neither reveals accounts. */
export class InvalidCredentialsError extends Error {
  constructor() {
    super("The identifier or the password is not correct.");
    this.name = "InvalidCredentialsError";
  }
}

export class SecondFactorRequiredError extends Error {
  constructor(readonly codeWasGiven: boolean) {
    super(
      codeWasGiven
        ? "The code is not valid: give a current TOTP code or an unused backup code."
        : "This account needs a second factor: give a TOTP code or a backup code as `code`.",
    );
    this.name = "SecondFactorRequiredError";
  }
}

export class UserBlockedError extends Error {
  constructor() {
    super("This account is blocked.");
    this.name = "UserBlockedError";
  }
}

/**
 * The session a signed-in user's own change came with ended while the change was checked (a block,
 * a password reset, a sign-out committed first): the change is not written.
 */
export class SessionEndedError extends Error {
  constructor() {
    super("Sign in first: this needs a session (yours ended while the request ran).");
    this.name = "SessionEndedError";
  }
}

export class NotFoundError extends Error {
  constructor(
    readonly resource: string,
    message = `No ${resource} has that id.`,
  ) {
    super(message);
    this.name = "NotFoundError";
  }
}

/** A mailed link's token that is unknown, expired or already used: the three look alike on purpose. */
export class InvalidTokenError extends Error {
  constructor(link: "verification link" | "password reset link" = "verification link") {
    super(`This ${link} is not valid: it was already used, has expired, or was never issued. Ask for a new one.`);
    this.name = "InvalidTokenError";
  }
}

/** A verification mail was asked for, but the account has no unverified primary email address. */
export class NothingToVerifyError extends Error {
  constructor(reason: "no-email" | "already-verified") {
    super(
      reason === "no-email"
        ? "This account has no email address to verify."
        : "The primary email address of this account is already verified.",
    );
    this.name = "NothingToVerifyError";
  }
}

/** A TOTP setup was begun or confirmed by a user who has TOTP on already: turn it off first. */
export class TotpAlreadyEnabledError extends Error {
  constructor() {
    super("TOTP is on for this account already: turn it off first (disableTotp) to set up another secret.");
    this.name = "TotpAlreadyEnabledError";
  }
}

/** A change of the second factor (turning it off, new backup codes) by a user who has no TOTP. */
export class TotpNotEnabledError extends Error {
  constructor() {
    super("This account has no TOTP: set it up with beginTotpEnrollment.");
    this.name = "TotpNotEnabledError";
  }
}

/** No TOTP setup of the user's waits for its code: it expired, was confirmed, or was never begun. */
export class NoTotpEnrollmentError extends Error {
  constructor() {
    super("No TOTP setup is waiting for a code: it expired, was confirmed already, or was never begun. Begin again with beginTotpEnrollment.");
    this.name = "NoTotpEnrollmentError";
  }
}

/**
 * A code that does not confirm what it was asked for: for a TOTP setup, not a current code of the
 * new secret; otherwise neither a current TOTP code nor an unused backup code of the user's.
 */
export class InvalidCodeError extends Error {
  constructor(expected: "new-secret" | "second-factor") {
    super(
      expected === "new-secret"
        ? "The code is not a current code of the new secret: check that the device's clock is right, and type the code it shows now."
        : "The code is not valid: give a current TOTP code or an unused backup code.",
    );
    this.name = "InvalidCodeError";
  }
}
