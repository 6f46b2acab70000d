import type { Prisma } from "../../generated/prisma/client.ts";
import type { ServiceDependencies } from "../dependencies.ts";
import { PasswordPolicyError } from "../errors.ts";
import { passwordPolicyViolations } from "../passwords/password-policy.ts";
import type { UpdateUserValues } from "./user-input.ts";

/** What the password policy reads of a stored user: the addresses and names a password must not contain. */
export const passwordPolicySubjectSelection = {
  username: true,
  name: true,
  firstName: true,
  lastName: true,
  profile: { select: { givenName: true, middleName: true, familyName: true, nickname: true } },
  emailAddresses: { select: { email: true } },
} satisfies Prisma.UserSelect;

type PasswordPolicySubject = Prisma.UserGetPayload<{ select: typeof passwordPolicySubjectSelection }>;

/**
 * Applies the password policy to a stored user's new password, judged against the user as they
 * will be once `changes` (the other fields of the same update, if any) are written.
 */
export function checkNewPasswordPolicy(
  dependencies: ServiceDependencies,
  password: string,
  current: PasswordPolicySubject,
  changes: Partial<UpdateUserValues> = {},
): void {
  const pick = <Value>(changed: Value | null | undefined, kept: Value | null) => (changed === undefined ? kept : changed);
  const reasons = passwordPolicyViolations(
    password,
    {
      // null removes every address: none is left for the password to contain.
      emailAddresses: (changes.emailAddress === undefined ? current.emailAddresses : (changes.emailAddress ?? [])).map((address) => address.email),
      username: changes.username === undefined ? current.username : changes.username?.username,
      names: {
        name: pick(changes.name, current.name),
        firstName: pick(changes.firstName, current.firstName),
        lastName: pick(changes.lastName, current.lastName),
        // A profile given replaces the stored one whole.
        profile: changes.profile === undefined ? current.profile : changes.profile,
      },
    },
    dependencies.passwords,
  );
  if (reasons.length > 0) throw new PasswordPolicyError(reasons);
}
