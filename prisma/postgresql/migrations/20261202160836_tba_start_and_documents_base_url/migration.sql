-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "documentsBaseUrl" TEXT NOT NULL DEFAULT '',
ALTER COLUMN "startsAt" DROP NOT NULL;
