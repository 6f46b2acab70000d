-- The last accepted TOTP step moves from the credential to the user. updateUser deletes the
-- credential and creates it again when the secret changes or is removed, and the step went with it:
-- a secret set back (S, S2, none, S again, within the 90 s a code is accepted) accepted a code
-- already used with it once more. The steps recorded so far move along, so no code used before
-- this change is accepted again after it.
ALTER TABLE "User" ADD COLUMN "totpLastUsedStep" BIGINT;

UPDATE "User" AS account SET "totpLastUsedStep" = totp."lastUsedStep"
FROM "TotpCredential" AS totp
WHERE totp."userId" = account.id AND totp."lastUsedStep" IS NOT NULL;

ALTER TABLE "TotpCredential" DROP COLUMN "lastUsedStep";
