-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "qaHoldVoteBursts" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "qaOpenedAt" TIMESTAMP(3),
ADD COLUMN     "qaVotersBeforeOpen" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Participant" ADD COLUMN     "joinBucket" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Question" ADD COLUMN     "voteSignal" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Participant_callId_joinBucket_checkedInAt_idx" ON "Participant"("callId", "joinBucket", "checkedInAt");
