-- At most one primary email address, phone number, wallet and profile address per user, enforced
-- by the database: the code writes only one, but rows written around it (an SQL import, a future
-- bug) could hold two, and then "the primary address" has two answers (requestEmailVerification
-- compared two reads of it). Prisma's schema language cannot express partial indexes: they live
-- only here, and test/schema.test.ts lists them beside what schema.prisma describes.
--
-- Users stored with several first: the one the API lists first stays primary (the lowest id for
-- emails, phones and wallets, the lowest position for profile addresses), the others stay in the
-- list, not primary.
UPDATE "EmailAddress" AS entry SET "primary" = false
WHERE entry."primary"
  AND EXISTS (SELECT 1 FROM "EmailAddress" AS first WHERE first."userId" = entry."userId" AND first."primary" AND first.id < entry.id);

UPDATE "PhoneNumber" AS entry SET "primary" = false
WHERE entry."primary"
  AND EXISTS (SELECT 1 FROM "PhoneNumber" AS first WHERE first."userId" = entry."userId" AND first."primary" AND first.id < entry.id);

UPDATE "Web3Wallet" AS entry SET "primary" = false
WHERE entry."primary"
  AND EXISTS (SELECT 1 FROM "Web3Wallet" AS first WHERE first."userId" = entry."userId" AND first."primary" AND first.id < entry.id);

UPDATE "Address" AS entry SET "isPrimary" = false
WHERE entry."isPrimary"
  AND EXISTS (
    SELECT 1 FROM "Address" AS first
    WHERE first."profileUserId" = entry."profileUserId" AND first."isPrimary"
      AND (first.position, first.id) < (entry.position, entry.id)
  );

CREATE UNIQUE INDEX "EmailAddress_one_primary_per_user" ON "EmailAddress"("userId") WHERE "primary";
CREATE UNIQUE INDEX "PhoneNumber_one_primary_per_user" ON "PhoneNumber"("userId") WHERE "primary";
CREATE UNIQUE INDEX "Web3Wallet_one_primary_per_user" ON "Web3Wallet"("userId") WHERE "primary";
CREATE UNIQUE INDEX "Address_one_primary_per_profile" ON "Address"("profileUserId") WHERE "isPrimary";
