-- Sends begun since the last attempt ended that never ended themselves: an instance that stopped or
-- died while sending leaves its count up, and a message whose count reaches the dispatcher's bound
-- (it keeps crashing its instance, say) is given up instead of retried forever.
ALTER TABLE "OutboxMessage" ADD COLUMN "unfinishedSends" INTEGER NOT NULL DEFAULT 0;
