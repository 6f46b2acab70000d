import { isUniqueViolation, retryingDeadlocks } from "../../db/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { ServiceDependencies } from "../dependencies.ts";
import { InvalidCredentialsError, NotFoundError, SessionEndedError, ValidationError } from "../errors.ts";
import type { PasswordHasherName } from "../passwords/digest-format.ts";
import { hashNewPassword, type StoredDigest } from "../passwords/password-hashing.ts";
import { hashToken } from "../random-tokens.ts";
import { writeEmailVerification } from "../email-verification/verification-mail.ts";
import { digestBackupCodes, positionsOfUsedBackupCodes } from "../second-factor/backup-codes.ts";
import type { SecretBox } from "../second-factor/secret-box.ts";
import { checkCurrentPassword } from "../sessions/current-password.ts";
import { createUserConflictFieldNames } from "./create-user.ts";
import { backupCodesNeedTotp, updateUserCrossFieldProblems } from "./cross-field-rules.ts";
import { conflictError } from "./insert-user.ts";
import { identityKeys, identityRows, toProfileData } from "./new-user.ts";
import { canonicalUserId } from "./user-id.ts";
import {
  updateMeInput,
  updateUserInput,
  type UpdateMeInput,
  type UpdateUserInput,
  type UpdateUserValues,
} from "./user-input.ts";
import { validateInput } from "./validate-input.ts";
import { metadataMaximumBytes } from "./validation/json-object.ts";
import { blockedReasonKey } from "./blocked-reason.ts";
import { nextUpdatedAt } from "./updated-at.ts";
import type { SelfServiceCaller } from "./own-account-changes.ts";
import { checkNewPasswordPolicy, passwordPolicySubjectSelection } from "./new-password-policy.ts";

const currentUserSelection = {
  ...passwordPolicySubjectSelection,
  usernameNormalized: true,
  phoneNumbers: { select: { id: true }, take: 1 },
  passwordCredential: { select: { algorithm: true, digest: true } },
  totpCredential: { select: { userId: true } },
} satisfies Prisma.UserSelect;

type CurrentUser = Prisma.UserGetPayload<{ select: typeof currentUserSelection }>;

/**
 * Admin update: the fields given change, `null` clears, absent fields stay. Lists (emails, phones,
 * wallets, backup codes) are replaced as a whole, keeping the verification of addresses that stay;
 * a backup code the user already used is never issued again, and turning TOTP off removes the
 * unused ones. Metadata objects are replaced, not merged. Blocking, a new password and a new TOTP
 * secret end the user's sessions; unblocking removes the block's reason. An address taken away
 * takes its verification and password reset links with it, and a block or new credentials end the
 * user's password reset links. One transaction, which ends with `readBack`: the update's
 * answer is the user as it left them, not as a write committed right after it has.
 */
export async function updateUser<Read = undefined>(
  dependencies: ServiceDependencies,
  id: string,
  input: UpdateUserInput,
  { privateMetadataEntry, readBack }: { privateMetadataEntry?: PrivateMetadataEntry | undefined; readBack?: ReadInUpdate<Read> } = {},
): Promise<UpdatedUser<Read>> {
  const userId = canonicalUserId(id);
  if (userId === undefined) throw new NotFoundError("user");
  // Read first: whether backup codes may be given depends on whether the user has TOTP.
  const current = await findCurrentUser(dependencies, userId);
  const values = validateInput(updateUserInput, input, (raw) =>
    updateUserCrossFieldProblems(raw, {
      hasTotp: current.totpCredential !== null,
      hasEmail: current.emailAddresses.length > 0,
      hasPhone: current.phoneNumbers.length > 0,
      hasUsername: current.username !== null,
      hasPassword: current.passwordCredential !== null,
    }, dependencies),
  );
  if (values.password != null && !values.skipPasswordChecks) checkNewPasswordPolicy(dependencies, values.password, current, values);
  // Unblocking (false, or null, which is false) ends the block's reason too, unless the input sets privateMetadata whole: left, it
  // would be shown again as the reason of a later block for another cause.
  const endsBlockedReason = privateMetadataEntry === undefined && values.blocked !== undefined && !values.blocked && values.privateMetadata === undefined;
  // `current` may be stale by the time the row is locked: two updates at once, each removing one of
  // the user's two identifiers, would each see the other one left. Checked again under the lock.
  const changesSignInFields = (["emailAddress", "phoneNumber", "username", "password", "passwordDigest"] as const).some((field) => input[field] !== undefined);
  const checkLockedUser = changesSignInFields
    ? (locked: LockedUser) => {
        const problems = updateUserCrossFieldProblems(input, { ...locked, hasUsername: locked.usernameNormalized !== null }, dependencies);
        if (problems.length > 0) throw new ValidationError(problems);
      }
    : undefined;
  const read = await applyChanges(dependencies, userId, values, { privateMetadataEntry, endsBlockedReason, readBack, checkLockedUser });
  if (values.verifyEmail) dependencies.mailQueued();
  return { userId, read: read as Read | undefined };
}

/** A read of the user at the end of their update's transaction, with its client. */
export type ReadInUpdate<Read> = (transaction: Prisma.TransactionClient, userId: string) => Promise<Read>;

export interface UpdatedUser<Read> {
  userId: string;
  /** What `readBack` read, if given. */
  read: Read | undefined;
}

/**
 * One privateMetadata entry set (a string value) or removed (value undefined), for callers other
 * than the API (the admin command line). The other entries stay as they are when the update
 * writes: the object is read and written in one statement, so an update of them made at the same
 * moment is not lost, as it could be were the object read first and written back whole.
 */
export interface PrivateMetadataEntry {
  key: string;
  value: string | undefined;
}

interface WriteOptions {
  /**
   * The session of a user changing their own account: the change is written only while it is
   * still open, and it stays open when their password changes.
   */
  callerSessionTokenHash?: string | undefined;
  /**
   * The digest a user's own change was checked against (null: they had none), when it changes the
   * password or needed the current one: the change is written only while it is still the stored one.
   */
  checkedPasswordDigest?: string | null | undefined;
  privateMetadataEntry?: PrivateMetadataEntry | undefined;
  /** Unblocking: the reason of the block goes, if the user is blocked when the update writes (one who was not keeps their privateMetadata). */
  endsBlockedReason?: boolean;
  readBack?: ReadInUpdate<unknown> | undefined;
  /**
   * Checks the rules that depend on the stored user against the user as they are once their row is
   * locked (no other update can change them until this one commits), before anything is written.
   */
  checkLockedUser?: ((locked: LockedUser) => void) | undefined;
}

/** What the rules about signing in depend on, as stored when the user's row is locked. */
interface LockedUser {
  usernameNormalized: string | null;
  hasEmail: boolean;
  hasPhone: boolean;
  hasPassword: boolean;
  hasTotp: boolean;
}

/**
 * A user's change of their own account: names, username, picture, profile, unsafeMetadata and the
 * password (changing it needs the current one, when there is one; removing it is refused, as is
 * removing a username that is the only identifier, and renaming one needs the password). The
 * policy always applies.
 */
export async function updateMe<Read = undefined>(
  dependencies: ServiceDependencies,
  userId: string,
  input: UpdateMeInput,
  caller: SelfServiceCaller,
  readBack?: ReadInUpdate<Read>,
): Promise<UpdatedUser<Read>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await updateMeOnce(dependencies, userId, input, caller, readBack);
    } catch (error) {
      if (!(error instanceof OnlyIdentifierMeanwhile)) throw error;
      if (attempt === maximumIdentifierChecks) {
        throw new ValidationError([{ path: ["username"], message: "Your email addresses and phone numbers changed while this update was made: send it again." }]);
      }
    }
  }
}

// A rename whose username became the only identifier while it was checked (an admin removed the
// last email address) is checked again, with the password; this many times at most.
const maximumIdentifierChecks = 3;

/** The username became the only identifier after the rename was checked without the password. */
class OnlyIdentifierMeanwhile extends Error {}

async function updateMeOnce<Read>(
  dependencies: ServiceDependencies,
  userId: string,
  input: UpdateMeInput,
  caller: SelfServiceCaller,
  readBack: ReadInUpdate<Read> | undefined,
): Promise<UpdatedUser<Read>> {
  const { currentPassword, ...values } = validateInput(updateMeInput, input, () => []);
  const current = await findCurrentUser(dependencies, userId);
  // A new username is answered with a ConflictError when it is taken, as a sign-up is: it counts
  // against the same limit, so taken usernames cannot be probed at leisure from an account either.
  // The user's own username again (in any spelling of its key: a profile form sent whole) and a
  // removal (null) can meet no other user's username, so they answer nothing and are not counted.
  const newUsernameKey = values.username?.usernameNormalized;
  if (newUsernameKey !== undefined && newUsernameKey !== current.usernameNormalized) {
    await dependencies.rateLimits.consume("signUpsPerClientAddress", caller.origin.clientAddress);
  }
  // A username that is the user's only identifier (no email address, no phone number) is what they
  // sign in with: removed, they could never sign in again; renamed, by whoever holds a stolen
  // session, the owner would not know with what. So it is kept, and renamed only with the password.
  const usernameIsOnlyIdentifier = current.usernameNormalized !== null && current.emailAddresses.length === 0 && current.phoneNumbers.length === 0;
  const removingOnlyIdentifier = new ValidationError([{ path: ["username"], message: "Cannot remove your username: it is the only identifier you can sign in with." }]);
  if (usernameIsOnlyIdentifier && values.username === null) throw removingOnlyIdentifier;
  const renamesOnlyIdentifier = usernameIsOnlyIdentifier && newUsernameKey !== undefined && newUsernameKey !== current.usernameNormalized;
  // Checked again under the row lock: an admin may have removed the user's last email address or
  // phone number since `current` was read.
  const checkLockedUser =
    values.username === undefined || renamesOnlyIdentifier
      ? undefined
      : (locked: LockedUser) => {
          if (locked.usernameNormalized === null || locked.hasEmail || locked.hasPhone) return;
          if (values.username === null) throw removingOnlyIdentifier;
          if (newUsernameKey === locked.usernameNormalized || !locked.hasPassword) return;
          if (currentPassword == null) {
            throw new ValidationError([{ path: ["currentPassword"], message: "Required to rename the username you sign in with: send your current password." }]);
          }
          // Checked outside the transaction: a wrong password is counted on the row it holds.
          throw new OnlyIdentifierMeanwhile();
        };
  const checksCurrentPassword = values.password != null || renamesOnlyIdentifier;
  // Sign-in takes only a password (identities are records, not a way in): without it the user
  // could never sign in again. Refused before the current password is checked, which it would not
  // need. A null from a user without a password changes nothing.
  let credential = current.passwordCredential;
  for (let check = 1; ; check++) {
    if (values.password === null && credential) {
      throw new ValidationError([{ path: ["password"], message: "Cannot remove your password: it is the only way you can sign in." }]);
    }
    if (checksCurrentPassword && credential) {
      if (currentPassword == null) {
        const change = values.password != null ? "change your password" : "rename the username you sign in with";
        throw new ValidationError([{ path: ["currentPassword"], message: `Required to ${change}: send your current password.` }]);
      }
      await checkCurrentPassword(dependencies, userId, caller.origin, currentPassword, credential as StoredDigest);
    }
    if (values.password != null) checkNewPasswordPolicy(dependencies, values.password, current, values);
    try {
      const read = await applyChanges(dependencies, userId, values, {
        callerSessionTokenHash: hashToken(caller.sessionToken),
        checkedPasswordDigest: values.password !== undefined || renamesOnlyIdentifier ? (credential?.digest ?? null) : undefined,
        readBack,
        checkLockedUser,
      });
      return { userId, read: read as Read | undefined };
    } catch (error) {
      if (!(error instanceof PasswordReplacedMeanwhile)) throw error;
      if (check === maximumPasswordChecks) throw new InvalidCredentialsError();
      const replaced = await dependencies.prisma.passwordCredential.findUnique({ where: { userId }, select: { algorithm: true, digest: true } });
      // Removed meanwhile: the password that was checked opens nothing any more, not even a first one.
      // (An admin's removal ends the caller's session too, refused before this; the check stays so
      // that no way of removing a password can turn the change into a first password.)
      if (credential && !replaced) throw new InvalidCredentialsError();
      credential = replaced;
    }
  }
}

// A password replaced while a user's change of it was checked (a sign-in's upgrade of the same
// password; an admin's reset ends the session, which is refused first) is checked again; this many
// times at most.
const maximumPasswordChecks = 3;

/** The password is no longer the one the change was checked against. */
class PasswordReplacedMeanwhile extends Error {}

async function findCurrentUser(dependencies: ServiceDependencies, userId: string): Promise<CurrentUser> {
  const current = await dependencies.prisma.user.findUnique({ where: { id: userId }, select: currentUserSelection });
  if (!current) throw new NotFoundError("user");
  return current;
}

async function applyChanges(
  dependencies: ServiceDependencies,
  userId: string,
  values: Partial<UpdateUserValues>,
  options: WriteOptions,
): Promise<unknown> {
  const newBackupCodes = values.backupCodes ?? [];
  const [password, backupCodeDigests, usedCodeIds] = await Promise.all([
    newPassword(dependencies, values),
    values.backupCodes ? digestBackupCodes(values.backupCodes) : undefined,
    newBackupCodes.length > 0 ? refuseUsedBackupCodes(dependencies, userId, newBackupCodes, []) : [],
  ]);
  let checkedUsedCodeIds: readonly string[] = usedCodeIds;
  // Runs again only after one of the user's unused codes was used between the check and the write.
  for (;;) {
    try {
      return await writeChanges(dependencies, userId, values, { password, backupCodeDigests, checkedUsedCodeIds }, options);
    } catch (error) {
      if (!(error instanceof BackupCodeUsedMeanwhile)) throw error;
      checkedUsedCodeIds = await refuseUsedBackupCodes(dependencies, userId, newBackupCodes, checkedUsedCodeIds);
    }
  }
}

/**
 * Refuses new backup codes that are codes the user already used (a back office or sync script
 * sending an old list again), comparing them with the used codes other than `alreadyChecked`.
 * Returns the ids of every used code they were compared with.
 */
async function refuseUsedBackupCodes(
  dependencies: ServiceDependencies,
  userId: string,
  codes: readonly string[],
  alreadyChecked: readonly string[],
): Promise<string[]> {
  const used = await dependencies.prisma.backupCode.findMany({
    where: { userId, usedAt: { not: null }, id: { notIn: [...alreadyChecked] } },
    select: { id: true, digest: true, usedCodeSha256: true },
  });
  const reissued = await positionsOfUsedBackupCodes(codes, used);
  if (reissued.length > 0) {
    throw new ValidationError(
      reissued.map((position) => ({
        path: ["backupCodes", String(position)],
        message: "This backup code was already used; a used code cannot be issued again.",
      })),
    );
  }
  return [...alreadyChecked, ...used.map((row) => row.id)];
}

/** A code of the user was used after the new backup codes were checked: they are checked again. */
class BackupCodeUsedMeanwhile extends Error {}

interface PreparedChanges {
  password: StoredDigest | undefined;
  backupCodeDigests: string[] | undefined;
  /** The used backup codes the new ones were compared with. */
  checkedUsedCodeIds: readonly string[];
}

async function writeChanges(
  dependencies: ServiceDependencies,
  userId: string,
  values: Partial<UpdateUserValues>,
  { password, backupCodeDigests, checkedUsedCodeIds }: PreparedChanges,
  { callerSessionTokenHash, checkedPasswordDigest, privateMetadataEntry, endsBlockedReason, readBack, checkLockedUser }: WriteOptions,
): Promise<unknown> {
  try {
    // Two updates swapping addresses take their unique entries in opposite orders: a deadlock,
    // retried, ends as the ConflictError it is.
    return await retryingDeadlocks(() =>
      dependencies.prisma.$transaction(async (transaction) => {
        const locked = await lockUserRow(transaction, userId);
        // A block or a password reset ends the user's sessions in a transaction that holds the row
        // lock, so this statement, run once it is taken, sees whether one of them ended the caller's.
        if (callerSessionTokenHash !== undefined && (await transaction.session.count({ where: { tokenHash: callerSessionTokenHash } })) === 0) {
          throw new SessionEndedError();
        }
        if (checkLockedUser) checkLockedUser(await signInFieldsOf(transaction, userId, locked));
        // Before `blocked` is written: only a user blocked until now loses the reason.
        if (endsBlockedReason) {
          await transaction.$executeRaw`
            UPDATE "User" SET "privateMetadata" = "privateMetadata" - ${blockedReasonKey}::text WHERE id = ${userId}::uuid AND blocked`;
        }
        // updatedAt always: an update that changes only related rows (emails, say) still counts.
        const updatedAt = nextUpdatedAt(locked.updatedAt);
        await transaction.user.updateMany({ where: { id: userId }, data: { ...scalarChanges(values), updatedAt } });
        if (checkedPasswordDigest !== undefined) {
          // Locked: a sign-in's upgrade waits for this transaction, or committed before it and is seen.
          const [stored] = await transaction.$queryRaw<Array<{ digest: string }>>`
            SELECT digest FROM "PasswordCredential" WHERE "userId" = ${userId}::uuid FOR UPDATE`;
          if ((stored?.digest ?? null) !== checkedPasswordDigest) throw new PasswordReplacedMeanwhile();
        }
        if (privateMetadataEntry) await writePrivateMetadataEntry(transaction, userId, privateMetadataEntry);
        // Addresses that stay keep their verification as it is now, read by the statement that
        // removes them: one verified since `current` was read is not lost.
        if (values.emailAddress !== undefined) {
          const removed = await transaction.$queryRaw<Array<{ email: string; emailNormalized: string; verified: boolean }>>`
            DELETE FROM "EmailAddress" WHERE "userId" = ${userId}::uuid RETURNING email, "emailNormalized", verified`;
          const verifiedEmails = new Map(removed.map((address) => [address.emailNormalized, address.verified]));
          await transaction.emailAddress.createMany({
            data: (values.emailAddress ?? []).map((address, index) => ({
              ...address,
              userId,
              primary: index === 0,
              verified: values.emailVerified ?? verifiedEmails.get(address.emailNormalized) ?? false,
            })),
          });
          // A link mailed to an address the user no longer has must not verify it if it comes back,
          // and mail still waiting in the outbox would only carry such a dead link to it.
          // A password reset link likewise: it proves control of an address that is no longer the user's.
          const keptEmails = new Set((values.emailAddress ?? []).map((address) => address.emailNormalized));
          const removedLinks = { where: { userId, emailNormalized: { notIn: [...keptEmails] } } };
          await transaction.emailVerificationToken.deleteMany(removedLinks);
          await transaction.passwordResetToken.deleteMany(removedLinks);
          const removedEmails = removed.filter((address) => !keptEmails.has(address.emailNormalized)).map((address) => address.email);
          if (removedEmails.length > 0) await transaction.outboxMessage.deleteMany({ where: { userId, sentAt: null, recipient: { in: removedEmails } } });
        } else if (values.emailVerified != null) {
          await transaction.emailAddress.updateMany({ where: { userId }, data: { verified: values.emailVerified } });
        }
        if (values.verifyEmail) await queueEmailVerification(transaction, dependencies, userId);
        if (values.phoneNumber !== undefined) {
          const removed = await transaction.$queryRaw<Array<{ phoneNumber: string; verified: boolean }>>`
            DELETE FROM "PhoneNumber" WHERE "userId" = ${userId}::uuid RETURNING "phoneNumber", verified`;
          const verifiedPhones = new Map(removed.map((phone) => [phone.phoneNumber, phone.verified]));
          await transaction.phoneNumber.createMany({
            data: (values.phoneNumber ?? []).map((phoneNumber, index) => ({
              phoneNumber,
              userId,
              primary: index === 0,
              verified: values.phoneNumberVerified ?? verifiedPhones.get(phoneNumber) ?? false,
            })),
          });
        } else if (values.phoneNumberVerified != null) {
          await transaction.phoneNumber.updateMany({ where: { userId }, data: { verified: values.phoneNumberVerified } });
        }
        if (values.web3Wallet !== undefined) {
          await transaction.web3Wallet.deleteMany({ where: { userId } });
          await transaction.web3Wallet.createMany({
            data: (values.web3Wallet ?? []).map((wallet, index) => ({ ...wallet, userId, primary: index === 0 })),
          });
        }
        if (values.identities !== undefined) {
          await transaction.identity.deleteMany({ where: { userId } });
          await transaction.identity.createMany({ data: identityRows(values.identities ?? []).map((row) => ({ ...row, userId })) });
        }
        // What a sign-in checks changed: not a null for a password or second factor the user did not
        // have (a back office sending its whole form, empty fields as null).
        let credentialsChanged = password !== undefined;
        if (password) {
          await transaction.passwordCredential.upsert({ where: { userId }, create: { userId, ...password }, update: password });
        } else if (values.password === null && values.passwordDigest == null) {
          const { count: removed } = await transaction.passwordCredential.deleteMany({ where: { userId } });
          credentialsChanged ||= removed > 0;
        }
        if (values.totpSecret !== undefined && !(await hasTotpSecret(transaction, dependencies.secretBox, userId, values.totpSecret))) {
          const { count: removed } = await transaction.totpCredential.deleteMany({ where: { userId } });
          if (values.totpSecret !== null) {
            await transaction.totpCredential.create({
              data: { userId, encryptedSecret: dependencies.secretBox.encrypt(values.totpSecret) },
            });
          }
          credentialsChanged ||= values.totpSecret !== null || removed > 0;
        }
        // Backup codes stand in for TOTP codes: with TOTP turned off the unused ones could never be
        // used, so they go with it (new ones with totpSecret: null were refused as input).
        if (values.backupCodes !== undefined || values.totpSecret === null) {
          // Used codes stay, unseen (backupCodeCount counts unused ones), so that no later list can
          // issue one of them again. A sign-in marking a code used either commits first (its row is
          // not deleted) or waits for this delete and finds its row gone.
          await transaction.backupCode.deleteMany({ where: { userId, usedAt: null } });
          // Until this commits no code of the user can become used any more (the unused ones are
          // deleted, new ones wait for the user's row): these are all the used ones, and one used
          // since the check may be among the new codes.
          if (backupCodeDigests?.length) {
            const usedMeanwhile = await transaction.backupCode.count({
              where: { userId, usedAt: { not: null }, id: { notIn: [...checkedUsedCodeIds] } },
            });
            if (usedMeanwhile > 0) throw new BackupCodeUsedMeanwhile();
            // Checked again: another update may have turned TOTP off since `current` was read. Only
            // updates change it, each taking the user's row first, which this transaction holds.
            if ((await transaction.totpCredential.count({ where: { userId } })) === 0) throw new ValidationError([backupCodesNeedTotp]);
            await transaction.backupCode.createMany({ data: backupCodeDigests.map((digest) => ({ userId, digest })) });
          }
        }
        if (values.profile !== undefined) {
          await transaction.profile.deleteMany({ where: { userId } });
          if (values.profile !== null) {
            await transaction.profile.create({ data: { ...toProfileData(values.profile), user: { connect: { id: userId } } } });
          }
        }
        // A blocked user's open sessions end now, not when they expire. So do those opened with a
        // password or second factor that was just replaced (someone else may hold one), except the
        // session of a user who changed their own password.
        if (values.blocked) {
          await transaction.session.deleteMany({ where: { userId } });
        } else if (credentialsChanged) {
          await transaction.session.deleteMany({
            where: { userId, ...(callerSessionTokenHash === undefined ? {} : { NOT: { tokenHash: callerSessionTokenHash } }) },
          });
        }
        // A reset link mailed before would undo the new password, or open a blocked account's password
        // to whoever holds the link once the block is lifted.
        if (values.blocked || credentialsChanged) await transaction.passwordResetToken.deleteMany({ where: { userId } });
        return readBack?.(transaction, userId);
      }),
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw await conflictError(
      dependencies.prisma,
      {
        emailNormalized: (values.emailAddress ?? []).map((address) => address.emailNormalized),
        phoneNumbers: values.phoneNumber ?? [],
        walletNormalized: (values.web3Wallet ?? []).map((wallet) => wallet.addressNormalized),
        usernameNormalized: values.username?.usernameNormalized,
        externalId: values.externalId ?? undefined,
        identities: identityKeys(values.identities ?? []),
      },
      createUserConflictFieldNames,
      userId,
    );
  }
}

/**
 * Locks the user's row, as every write of the user takes it first (sign-in's lock and this
 * update's), and reads what the update needs from it.
 */
async function lockUserRow(transaction: Prisma.TransactionClient, userId: string): Promise<{ usernameNormalized: string | null; updatedAt: Date }> {
  const [row] = await transaction.$queryRaw<Array<{ usernameNormalized: string | null; updatedAt: Date }>>`
    SELECT "usernameNormalized", "updatedAt" FROM "User" WHERE id = ${userId}::uuid FOR NO KEY UPDATE`;
  // Deleted since `current` was read.
  if (!row) throw new NotFoundError("user");
  return row;
}

/**
 * What the user signs in with, once their row is locked: read in a statement of its own, whose
 * snapshot is taken once the lock is held, so that a change committed by the writer it waited for
 * is seen (the locking statement sees other tables as they were when it began).
 */
async function signInFieldsOf(transaction: Prisma.TransactionClient, userId: string, { usernameNormalized }: { usernameNormalized: string | null }): Promise<LockedUser> {
  const [stored] = await transaction.$queryRaw<Array<Omit<LockedUser, "usernameNormalized">>>`
    SELECT EXISTS (SELECT 1 FROM "EmailAddress" WHERE "userId" = ${userId}::uuid) AS "hasEmail",
      EXISTS (SELECT 1 FROM "PhoneNumber" WHERE "userId" = ${userId}::uuid) AS "hasPhone",
      EXISTS (SELECT 1 FROM "PasswordCredential" WHERE "userId" = ${userId}::uuid) AS "hasPassword",
      EXISTS (SELECT 1 FROM "TotpCredential" WHERE "userId" = ${userId}::uuid) AS "hasTotp"`;
  return { usernameNormalized, ...stored! };
}

/**
 * `verifyEmail`: a link to the primary email address the update leaves, written with the update (an
 * address that is verified already is refused: there is nothing to verify).
 */
async function queueEmailVerification(transaction: Prisma.TransactionClient, dependencies: ServiceDependencies, userId: string): Promise<void> {
  const [primary] = await transaction.$queryRaw<Array<{ email: string; emailNormalized: string; verified: boolean }>>`
    SELECT email, "emailNormalized", verified FROM "EmailAddress" WHERE "userId" = ${userId}::uuid AND "primary"`;
  if (!primary) throw new ValidationError([{ path: ["verifyEmail"], message: "Needs an email address to verify." }]);
  if (primary.verified) throw new ValidationError([{ path: ["verifyEmail"], message: "The primary email address is verified already." }]);
  await writeEmailVerification(transaction, dependencies, userId, primary);
}

async function newPassword(dependencies: ServiceDependencies, values: Partial<UpdateUserValues>): Promise<StoredDigest | undefined> {
  if (values.passwordDigest != null && values.passwordHasher != null) {
    return { algorithm: values.passwordHasher.toLowerCase() as PasswordHasherName, digest: values.passwordDigest };
  }
  if (values.password != null) return hashNewPassword(values.password, { function: "ARGON2" }, dependencies.passwords.argon2);
  return undefined;
}

async function writePrivateMetadataEntry(
  transaction: Prisma.TransactionClient,
  userId: string,
  { key, value }: PrivateMetadataEntry,
): Promise<void> {
  const changedMetadata =
    value === undefined ? Prisma.sql`"privateMetadata" - ${key}::text` : Prisma.sql`"privateMetadata" || jsonb_build_object(${key}::text, ${value}::text)`;
  const [written] = await transaction.$queryRaw<{ privateMetadata: unknown }[]>`
    UPDATE "User" SET "privateMetadata" = ${changedMetadata} WHERE id = ${userId}::uuid RETURNING "privateMetadata"`;
  // Checked as written, other entries included: an object over the limit could not be sent back
  // through the API unchanged. Throwing rolls the whole update back.
  if (written && Buffer.byteLength(JSON.stringify(written.privateMetadata)) > metadataMaximumBytes) {
    throw new ValidationError([
      { path: ["privateMetadata", key], message: `Would make privateMetadata more than ${metadataMaximumBytes} bytes as JSON.` },
    ]);
  }
}

/**
 * Column changes: `undefined` keeps a value, `null` clears it; columns that cannot be empty go back
 * to their defaults.
 */
function scalarChanges(values: Partial<UpdateUserValues>): Prisma.UserUpdateInput {
  const orDefault = <Value>(value: Value | null | undefined, fallback: Value) => (value === null ? fallback : value);
  const json = (value: Record<string, unknown> | null | undefined) =>
    value === undefined ? undefined : ((value ?? {}) as Prisma.InputJsonObject);
  return {
    externalId: values.externalId,
    username: values.username === undefined ? undefined : (values.username?.username ?? null),
    usernameNormalized: values.username === undefined ? undefined : (values.username?.usernameNormalized ?? null),
    name: values.name,
    firstName: values.firstName,
    lastName: values.lastName,
    picture: values.picture,
    metadata: json(values.metadata),
    publicMetadata: json(values.publicMetadata),
    privateMetadata: json(values.privateMetadata),
    unsafeMetadata: json(values.unsafeMetadata),
    blocked: orDefault(values.blocked, false),
    loginAttempts: orDefault(values.loginAttempts, 0),
    deleteSelfEnabled: orDefault(values.deleteSelfEnabled, true),
    createOrganizationEnabled: orDefault(values.createOrganizationEnabled, true),
    createOrganizationsLimit: orDefault(values.createOrganizationsLimit, 0n),
    legalAcceptedAt: values.legalAcceptedAt,
    // null is refused by updateUserCrossFieldProblems.
    createdAt: values.createdAt ?? undefined,
  };
}

/**
 * Whether the user's TOTP secret is already `secret` (a back office sending its whole form again):
 * then nothing changes, and whoever signed in with it stays signed in.
 */
async function hasTotpSecret(transaction: Prisma.TransactionClient, secretBox: SecretBox, userId: string, secret: string | null): Promise<boolean> {
  if (secret === null) return false;
  const stored = await transaction.totpCredential.findUnique({ where: { userId }, select: { encryptedSecret: true } });
  return stored !== null && secretBox.tryDecrypt(stored.encryptedSecret) === secret;
}
