-- AlterTable
ALTER TABLE "Question" ADD COLUMN     "authorName" TEXT NOT NULL DEFAULT '';
