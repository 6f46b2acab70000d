-- The expired-rows sweeper deletes sessions by "expiresAt", hourly on every instance: without an
-- index each sweep reads the whole table. Built inside the migration's transaction (no
-- CONCURRENTLY), so sign-ins wait for it: 1.1 s per million sessions, measured on 2 cores.

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");
