-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "qaModerated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "qaOpen" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "qaScribesModerate" BOOLEAN NOT NULL DEFAULT false;
