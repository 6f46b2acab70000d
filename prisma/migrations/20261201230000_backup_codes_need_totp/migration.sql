-- Backup codes stand in for a TOTP code, and sign-in asks for one only from a user with TOTP:
-- unused codes of a user without TOTP could never be used, yet counted in backupCodeCount. They
-- are refused since this change; those stored before it go. Used ones stay, so that no later list
-- can issue them again.
DELETE FROM "BackupCode" AS code
WHERE code."usedAt" IS NULL
  AND NOT EXISTS (SELECT 1 FROM "TotpCredential" AS totp WHERE totp."userId" = code."userId");
