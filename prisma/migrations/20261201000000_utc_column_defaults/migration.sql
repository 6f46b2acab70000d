-- Column defaults in UTC whatever the server's or the session's TimeZone: CURRENT_TIMESTAMP cast to
-- timestamp without time zone gives the session's local time, while Prisma reads these columns as
-- UTC. Rows written with raw SQL (bulk user inserts, sessions) take these defaults.

-- AlterTable
ALTER TABLE "User" ALTER COLUMN "createdAt" SET DEFAULT timezone('UTC'::text, CURRENT_TIMESTAMP);

-- AlterTable
ALTER TABLE "EmailAddress" ALTER COLUMN "createdAt" SET DEFAULT timezone('UTC'::text, CURRENT_TIMESTAMP);

-- AlterTable
ALTER TABLE "PhoneNumber" ALTER COLUMN "createdAt" SET DEFAULT timezone('UTC'::text, CURRENT_TIMESTAMP);

-- AlterTable
ALTER TABLE "Web3Wallet" ALTER COLUMN "createdAt" SET DEFAULT timezone('UTC'::text, CURRENT_TIMESTAMP);

-- AlterTable
ALTER TABLE "Identity" ALTER COLUMN "createdAt" SET DEFAULT timezone('UTC'::text, CURRENT_TIMESTAMP);

-- AlterTable
ALTER TABLE "TotpCredential" ALTER COLUMN "createdAt" SET DEFAULT timezone('UTC'::text, CURRENT_TIMESTAMP);

-- AlterTable
ALTER TABLE "Session" ALTER COLUMN "createdAt" SET DEFAULT timezone('UTC'::text, CURRENT_TIMESTAMP),
ALTER COLUMN "lastSeenAt" SET DEFAULT timezone('UTC'::text, CURRENT_TIMESTAMP);

-- AlterTable
ALTER TABLE "EmailVerificationToken" ALTER COLUMN "createdAt" SET DEFAULT timezone('UTC'::text, CURRENT_TIMESTAMP);

-- AlterTable
ALTER TABLE "OutboxMessage" ALTER COLUMN "nextAttemptAt" SET DEFAULT timezone('UTC'::text, CURRENT_TIMESTAMP),
ALTER COLUMN "createdAt" SET DEFAULT timezone('UTC'::text, CURRENT_TIMESTAMP);

-- AlterTable
ALTER TABLE "AdminApiKey" ALTER COLUMN "createdAt" SET DEFAULT timezone('UTC'::text, CURRENT_TIMESTAMP);

