-- seed 004 types createOrganizationsLimit as a Long: a 32-bit column refused limits above 2^31 - 1.
-- Widening keeps every stored value.
ALTER TABLE "User" ALTER COLUMN "createOrganizationsLimit" SET DATA TYPE BIGINT;
