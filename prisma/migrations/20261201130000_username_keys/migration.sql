-- Usernames are now unique by their NFKC, case-folded key (usernameKey in
-- src/domain/users/validation/username.ts) instead of their lower-cased NFC form. JavaScript's case
-- mapping is not PostgreSQL's (lower() follows the database's locale), so the keys are recomputed
-- in JavaScript, in this migration's transaction: src/db/data-migrations/username-keys.ts.
SELECT 1;
