-- CreateTable
CREATE TABLE "AdminApiKey" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "keyDigest" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "AdminApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AdminApiKey_name_key" ON "AdminApiKey"("name");

-- CreateIndex
CREATE UNIQUE INDEX "AdminApiKey_keyDigest_key" ON "AdminApiKey"("keyDigest");

