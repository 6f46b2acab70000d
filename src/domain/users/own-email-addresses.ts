import { z } from "zod";
import { isUniqueViolation, retryingDeadlocks } from "../../db/errors.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { ServiceDependencies } from "../dependencies.ts";
import { SessionEndedError, ValidationError, type FieldError } from "../errors.ts";
import { writeEmailVerification } from "../email-verification/verification-mail.ts";
import type { StoredDigest } from "../passwords/password-hashing.ts";
import { createUserConflictFieldNames } from "./create-user.ts";
import { conflictError } from "./insert-user.ts";
import type { ReadInUpdate, UpdatedUser } from "./update-user.ts";
import { checkOwnPassword, lockOwnAccount, writeAccountChange, type SelfServiceCaller } from "./own-account-changes.ts";
import { validateInput } from "./validate-input.ts";
import { emailAddress, normalizeEmailAddress, type NormalizedEmailAddress } from "./validation/email-address.ts";
import { password } from "./validation/password.ts";
import { storableString } from "./validation/text.ts";

// A signed-in user's own email addresses, as Clerk has them: add one (a verification link is
// mailed to it), verify it by the link (verifyEmail), make it primary, remove the old one.
//
// Password reset links go to any of the user's addresses, verified or not: whoever adds an address
// can take the account over through it, and whoever removes the others or moves the primary can
// keep its owner's resets away from them. So each of the three needs the current password, as a
// password change does: a stolen session alone is not enough.

/** A user has at most this many email addresses: each is a way into the account (password reset). */
export const maximumEmailAddressesPerUser = 10;

const addEmailAddressInput = z.object({ email: emailAddress, currentPassword: password.nullish() });
// An address the user has is named as it is stored: one stored before today's rules (an import)
// must still be removable, so only what the database cannot hold is refused.
const ownEmailAddressInput = z.object({ email: storableString.transform(normalizeEmailAddress), currentPassword: password.nullish() });

export interface OwnEmailAddressInput {
  email: string;
  currentPassword?: string | null | undefined;
}

/**
 * Adds an unverified address to the signed-in user's, primary only when they had none, and mails
 * a verification link to it in the same transaction. Another user's address is a ConflictError,
 * which tells that the address has an account: it counts against the sign-up limit, as a sign-up
 * that would answer the same does.
 */
export async function addEmailAddress<Read>(
  dependencies: ServiceDependencies,
  userId: string,
  input: OwnEmailAddressInput,
  caller: SelfServiceCaller,
  readBack?: ReadInUpdate<Read>,
): Promise<UpdatedUser<Read>> {
  const { email: address, currentPassword } = validateInput(addEmailAddressInput, input, () => []);
  const before = await addressesOf(dependencies.prisma, userId);
  refuseUnaddable(before, address);
  await reauthenticate(dependencies, userId, caller, currentPassword, "add an email address");
  await dependencies.rateLimits.consume("signUpsPerClientAddress", caller.origin.clientAddress);
  let read: Read | undefined;
  try {
    read = await writeAsOwner(dependencies, userId, caller, async (transaction) => {
      const addresses = await addressesOf(transaction, userId);
      refuseUnaddable(addresses, address);
      await transaction.emailAddress.create({
        data: { ...address, userId, verified: false, primary: !addresses.some((stored) => stored.primary) },
        select: { id: true },
      });
      // Counted once the unique index has given this user the address (a conflict mails nothing),
      // as a sign-up counts its mail: no inbox can be flooded by adding and removing it.
      await dependencies.rateLimits.consume("verificationMailsPerAddress", address.emailNormalized);
      await writeEmailVerification(transaction, dependencies, userId, address);
      return readBack?.(transaction, userId);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw await conflictError(
      dependencies.prisma,
      { emailNormalized: [address.emailNormalized], phoneNumbers: [], walletNormalized: [], identities: [] },
      { ...createUserConflictFieldNames, email: "email" },
      userId,
    );
  }
  dependencies.mailQueued();
  return { userId, read };
}

/** Makes one of the user's verified addresses the primary one, the address mail goes to. */
export async function setPrimaryEmailAddress<Read>(
  dependencies: ServiceDependencies,
  userId: string,
  input: OwnEmailAddressInput,
  caller: SelfServiceCaller,
  readBack?: ReadInUpdate<Read>,
): Promise<UpdatedUser<Read>> {
  const { email: named, currentPassword } = validateInput(ownEmailAddressInput, input, () => []);
  refuseUnfitForPrimary(ownAddress(await addressesOf(dependencies.prisma, userId), named));
  await reauthenticate(dependencies, userId, caller, currentPassword, "change your primary email address");
  const read = await writeAsOwner(dependencies, userId, caller, async (transaction) => {
    const chosen = ownAddress(await addressesOf(transaction, userId), named);
    refuseUnfitForPrimary(chosen);
    if (!chosen.primary) {
      // The old primary first: the database holds one primary address per user at every statement.
      await transaction.emailAddress.updateMany({ where: { userId, primary: true }, data: { primary: false } });
      await transaction.emailAddress.update({ where: { id: chosen.id }, data: { primary: true }, select: { id: true } });
    }
    return readBack?.(transaction, userId);
  });
  return { userId, read };
}

/**
 * Removes one of the user's addresses, with its verification and password reset links and the
 * mail to it not sent yet. The primary one's place goes to the oldest address left. The last
 * identifier of a user who signs in with a password is refused: they could never sign in again.
 */
export async function removeEmailAddress<Read>(
  dependencies: ServiceDependencies,
  userId: string,
  input: OwnEmailAddressInput,
  caller: SelfServiceCaller,
  readBack?: ReadInUpdate<Read>,
): Promise<UpdatedUser<Read>> {
  const { email: named, currentPassword } = validateInput(ownEmailAddressInput, input, () => []);
  const before = await addressesOf(dependencies.prisma, userId);
  ownAddress(before, named);
  refuseRemovingOnlyIdentifier(before, await signInFieldsOf(dependencies.prisma, userId));
  await reauthenticate(dependencies, userId, caller, currentPassword, "remove an email address");
  const read = await writeAsOwner(dependencies, userId, caller, async (transaction) => {
    const addresses = await addressesOf(transaction, userId);
    const removed = ownAddress(addresses, named);
    refuseRemovingOnlyIdentifier(addresses, await signInFieldsOf(transaction, userId));
    await transaction.emailAddress.delete({ where: { id: removed.id }, select: { id: true } });
    const successor = addresses.find((address) => address.id !== removed.id);
    if (removed.primary && successor) {
      await transaction.emailAddress.update({ where: { id: successor.id }, data: { primary: true }, select: { id: true } });
    }
    // A link to an address the user no longer has proves nothing about the account: a verification
    // link must not verify it should it come back, a reset link must not open the account, and mail
    // still waiting in the outbox would only carry such a link to it.
    const links = { where: { userId, emailNormalized: removed.emailNormalized } };
    await transaction.emailVerificationToken.deleteMany(links);
    await transaction.passwordResetToken.deleteMany(links);
    await transaction.outboxMessage.deleteMany({ where: { userId, sentAt: null, recipient: removed.email } });
    return readBack?.(transaction, userId);
  });
  return { userId, read };
}

type Reader = Pick<Prisma.TransactionClient, "emailAddress" | "user">;

interface StoredAddress extends NormalizedEmailAddress {
  id: string;
  verified: boolean;
  primary: boolean;
}

/** The user's addresses, oldest first (ids are UUIDv7: `emailAddresses` lists them by id after the primary). */
function addressesOf(reader: Reader, userId: string): Promise<StoredAddress[]> {
  return reader.emailAddress.findMany({
    where: { userId },
    select: { id: true, email: true, emailNormalized: true, verified: true, primary: true },
    orderBy: { id: "asc" },
  });
}

/** What else the user can sign in with, beside their email addresses. */
async function signInFieldsOf(reader: Reader, userId: string): Promise<{ hasOtherIdentifier: boolean; hasPassword: boolean }> {
  const user = await reader.user.findUnique({
    where: { id: userId },
    select: { usernameNormalized: true, phoneNumbers: { select: { id: true }, take: 1 }, passwordCredential: { select: { userId: true } } },
  });
  // Deleted: its sessions went with it, which the write refuses (SessionEndedError).
  if (!user) throw new SessionEndedError();
  return { hasOtherIdentifier: user.usernameNormalized !== null || user.phoneNumbers.length > 0, hasPassword: user.passwordCredential !== null };
}

const emailField = (message: string): FieldError[] => [{ path: ["email"], message }];

function refuseUnaddable(addresses: readonly StoredAddress[], address: NormalizedEmailAddress): void {
  if (addresses.some((stored) => stored.emailNormalized === address.emailNormalized)) {
    throw new ValidationError(emailField("Is one of your email addresses already."));
  }
  if (addresses.length >= maximumEmailAddressesPerUser) {
    throw new ValidationError(emailField(`You have ${maximumEmailAddressesPerUser} email addresses, the most there can be: remove one first.`));
  }
}

function ownAddress(addresses: readonly StoredAddress[], named: NormalizedEmailAddress): StoredAddress {
  const address = addresses.find((stored) => stored.emailNormalized === named.emailNormalized);
  if (!address) throw new ValidationError(emailField("Is not one of your email addresses."));
  return address;
}

function refuseUnfitForPrimary(address: StoredAddress): void {
  // Mail goes to the primary address: one nobody proved they receive could be someone else's.
  if (!address.verified) throw new ValidationError(emailField("Verify this address first (the link mailed to it): only a verified address can be primary."));
}

/**
 * Sign-in takes an email address, a phone number or a username with the password: a user who has a
 * password and none of them left could never sign in again.
 */
function refuseRemovingOnlyIdentifier(addresses: readonly StoredAddress[], user: { hasOtherIdentifier: boolean; hasPassword: boolean }): void {
  if (addresses.length > 1 || user.hasOtherIdentifier || !user.hasPassword) return;
  throw new ValidationError(emailField("Cannot remove your only email address: it is the only identifier you can sign in with. Add another address first."));
}

/** The current password, when the user has one (`checkOwnPassword`). */
async function reauthenticate(
  dependencies: ServiceDependencies,
  userId: string,
  caller: SelfServiceCaller,
  currentPassword: string | null | undefined,
  change: string,
): Promise<void> {
  const credential = await dependencies.prisma.passwordCredential.findUnique({ where: { userId }, select: { algorithm: true, digest: true } });
  await checkOwnPassword(dependencies, { ...caller, userId }, currentPassword, credential as StoredDigest | null, change);
}

/**
 * Runs `write` in one transaction as the user's own change: their row locked first, as every
 * write of a user takes it (so two changes of their addresses run one after the other, each seeing
 * what the one before left), only while the caller's session is still open, and with the row's
 * updatedAt moved on, which sign-in reads to know the account changed.
 */
function writeAsOwner<Result>(
  dependencies: ServiceDependencies,
  userId: string,
  caller: SelfServiceCaller,
  write: (transaction: Prisma.TransactionClient) => Promise<Result>,
): Promise<Result> {
  return retryingDeadlocks(() =>
    dependencies.prisma.$transaction(async (transaction) => {
      const locked = await lockOwnAccount(transaction, { ...caller, userId });
      await writeAccountChange(transaction, userId, locked);
      return write(transaction);
    }),
  );
}
