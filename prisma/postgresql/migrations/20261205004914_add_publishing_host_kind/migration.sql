-- AlterTable
ALTER TABLE "PublishingSettings" ADD COLUMN     "hostKind" TEXT NOT NULL DEFAULT 'auto';
