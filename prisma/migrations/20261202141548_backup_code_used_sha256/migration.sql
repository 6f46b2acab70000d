-- AlterTable
ALTER TABLE "BackupCode" ADD COLUMN     "usedCodeSha256" TEXT;

