-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "introState" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Participant" ADD COLUMN     "handRaisedAt" TIMESTAMP(3),
ADD COLUMN     "isBlocked" BOOLEAN NOT NULL DEFAULT false;
