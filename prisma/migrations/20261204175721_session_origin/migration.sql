-- Where a session was opened from, for mySessions: the User-Agent and client IP address of the
-- request that opened it. Null for the sessions opened before. Nullable columns without a default:
-- PostgreSQL adds them to the catalogue only, without rewriting the table or holding sign-ins up.

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "ipAddress" TEXT,
ADD COLUMN     "userAgent" TEXT;

