-- AlterTable
ALTER TABLE "Call" ADD COLUMN "personalDataRemovedAt" DATETIME;

-- CreateIndex
CREATE INDEX "Call_personalDataRemovedAt_endedAt_idx" ON "Call"("personalDataRemovedAt", "endedAt");
