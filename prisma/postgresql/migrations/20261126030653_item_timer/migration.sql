-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "timerExtraSeconds" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "timerPausedAt" TIMESTAMP(3);
