-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "scribesRunPolls" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Poll" (
    "id" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "options" TEXT NOT NULL DEFAULT '[]',
    "maxChoices" INTEGER,
    "itemId" TEXT,
    "showResults" TEXT NOT NULL DEFAULT 'live',
    "isNamed" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "openedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Poll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PollAnswer" (
    "id" TEXT NOT NULL,
    "pollId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "optionIds" TEXT,
    "rating" INTEGER,
    "text" TEXT,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PollAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReactionCount" (
    "callId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "emoji" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReactionCount_pkey" PRIMARY KEY ("itemId","emoji")
);

-- CreateIndex
CREATE INDEX "Poll_callId_createdAt_idx" ON "Poll"("callId", "createdAt");

-- CreateIndex
CREATE INDEX "PollAnswer_participantId_idx" ON "PollAnswer"("participantId");

-- CreateIndex
CREATE UNIQUE INDEX "PollAnswer_pollId_participantId_key" ON "PollAnswer"("pollId", "participantId");

-- CreateIndex
CREATE INDEX "ReactionCount_callId_idx" ON "ReactionCount"("callId");

-- AddForeignKey
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollAnswer" ADD CONSTRAINT "PollAnswer_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollAnswer" ADD CONSTRAINT "PollAnswer_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReactionCount" ADD CONSTRAINT "ReactionCount_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReactionCount" ADD CONSTRAINT "ReactionCount_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
