import { GraphQLError } from "graphql";
import {
  ConflictError,
  ForbiddenError,
  InvalidCredentialsError,
  PasswordPolicyError,
  SecondFactorRequiredError,
  UserBlockedError,
  ValidationError,
} from "../domain/errors.ts";

/**
 * How a `signUp` or a `signIn` can end. Short fixed lists (never an email, an identifier or a user
 * id), so that an outcome can label a metric without letting callers create new series.
 */
export const signUpOutcomes = ["success", "validation_error", "conflict", "password_policy", "forbidden", "unauthenticated", "rate_limited", "error"] as const;
export const signInOutcomes = ["success", "invalid_credentials", "second_factor_required", "invalid_second_factor", "blocked", "rate_limited", "error"] as const;

export type AuthenticationOutcome = (typeof signUpOutcomes)[number] | (typeof signInOutcomes)[number];

/** Told how each sign-up and sign-in ended (`src/plugins/use-metrics.ts` counts them). */
export interface AuthenticationOutcomes {
  signUpFinished(outcome: AuthenticationOutcome): void;
  signInFinished(outcome: AuthenticationOutcome): void;
}

/** For a server without metrics (METRICS=off). */
export const ignoredAuthenticationOutcomes: AuthenticationOutcomes = { signUpFinished: () => {}, signInFinished: () => {} };

const outcomeOfDomainError: [abstract new (...args: never[]) => Error, AuthenticationOutcome][] = [
  [ValidationError, "validation_error"],
  [ConflictError, "conflict"],
  [PasswordPolicyError, "password_policy"],
  [ForbiddenError, "forbidden"],
  [InvalidCredentialsError, "invalid_credentials"],
  [UserBlockedError, "blocked"],
];

function outcomeOf(error: unknown): AuthenticationOutcome {
  if (error instanceof SecondFactorRequiredError) return error.codeWasGiven ? "invalid_second_factor" : "second_factor_required";
  for (const [errorClass, outcome] of outcomeOfDomainError) if (error instanceof errorClass) return outcome;
  if (error instanceof GraphQLError && error.extensions.code === "RATE_LIMITED") return "rate_limited";
  if (error instanceof GraphQLError && error.extensions.code === "UNAUTHENTICATED") return "unauthenticated";
  return "error";
}

/**
 * Runs a resolver's work and reports how it ended. A thrown error is thrown on unchanged: the
 * errors plugin still turns the domain's errors into result types.
 */
export async function reportOutcome<Result>(report: (outcome: AuthenticationOutcome) => void, work: () => Promise<Result>): Promise<Result> {
  try {
    const result = await work();
    report("success");
    return result;
  } catch (error) {
    report(outcomeOf(error));
    throw error;
  }
}
