-- The claim of the instance sending a message now, whose lease ends at "nextAttemptAt". "attempts"
-- now counts attempts that ended (sent or failed), so an instance dying mid-send uses none up.
ALTER TABLE "OutboxMessage" ADD COLUMN "claimId" UUID;
