-- CreateTable
CREATE TABLE "TotpEnrollment" (
    "userId" UUID NOT NULL,
    "encryptedSecret" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT timezone('UTC'::text, CURRENT_TIMESTAMP),

    CONSTRAINT "TotpEnrollment_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "TotpEnrollment_expiresAt_idx" ON "TotpEnrollment"("expiresAt");

-- AddForeignKey
ALTER TABLE "TotpEnrollment" ADD CONSTRAINT "TotpEnrollment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

