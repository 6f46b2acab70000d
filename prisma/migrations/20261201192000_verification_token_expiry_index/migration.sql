-- The expired-rows sweeper deletes verification tokens by "expiresAt", hourly on every instance, as
-- it does sessions (20261201190000_session_lifetime): an index instead of reading the whole table.

-- CreateIndex
CREATE INDEX "EmailVerificationToken_expiresAt_idx" ON "EmailVerificationToken"("expiresAt");
