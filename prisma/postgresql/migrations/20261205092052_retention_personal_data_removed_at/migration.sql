-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "personalDataRemovedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Call_personalDataRemovedAt_endedAt_idx" ON "Call"("personalDataRemovedAt", "endedAt");
