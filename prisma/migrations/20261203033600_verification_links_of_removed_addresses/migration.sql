-- Since this change, taking an address from a user deletes the verification links mailed to it, so
-- that an address given back is not verified by a link sent before. Links of addresses taken away
-- earlier would still do that until they expire: they go too.
DELETE FROM "EmailVerificationToken" AS token
WHERE NOT EXISTS (
  SELECT 1 FROM "EmailAddress" AS address
  WHERE address."userId" = token."userId" AND address."emailNormalized" = token."emailNormalized"
);
