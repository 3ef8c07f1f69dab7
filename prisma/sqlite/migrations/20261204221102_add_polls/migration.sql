-- CreateTable
CREATE TABLE "Poll" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "callId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "options" TEXT NOT NULL DEFAULT '[]',
    "maxChoices" INTEGER,
    "itemId" TEXT,
    "showResults" TEXT NOT NULL DEFAULT 'live',
    "isNamed" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "openedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Poll_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Poll_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pollId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "optionIds" TEXT,
    "rating" INTEGER,
    "text" TEXT,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PollAnswer_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PollAnswer_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReactionCount" (
    "callId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "emoji" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("itemId", "emoji"),
    CONSTRAINT "ReactionCount_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReactionCount_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Call" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "startsAt" DATETIME,
    "timezone" TEXT NOT NULL,
    "plannedMinutes" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "seriesId" TEXT,
    "hostKey" TEXT NOT NULL,
    "scribeKey" TEXT NOT NULL,
    "currentItemId" TEXT,
    "itemStartedAt" DATETIME,
    "timerPausedAt" DATETIME,
    "timerExtraSeconds" INTEGER NOT NULL DEFAULT 0,
    "qaOpen" BOOLEAN NOT NULL DEFAULT true,
    "qaModerated" BOOLEAN NOT NULL DEFAULT false,
    "qaScribesModerate" BOOLEAN NOT NULL DEFAULT false,
    "scribesRunPolls" BOOLEAN NOT NULL DEFAULT false,
    "introState" TEXT NOT NULL DEFAULT '',
    "documentsBaseUrl" TEXT NOT NULL DEFAULT '',
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Call_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Call" ("createdAt", "currentItemId", "description", "documentsBaseUrl", "endedAt", "hostKey", "id", "introState", "itemStartedAt", "plannedMinutes", "qaModerated", "qaOpen", "qaScribesModerate", "scribeKey", "sequence", "seriesId", "slug", "startedAt", "startsAt", "status", "timerExtraSeconds", "timerPausedAt", "timezone", "title", "updatedAt") SELECT "createdAt", "currentItemId", "description", "documentsBaseUrl", "endedAt", "hostKey", "id", "introState", "itemStartedAt", "plannedMinutes", "qaModerated", "qaOpen", "qaScribesModerate", "scribeKey", "sequence", "seriesId", "slug", "startedAt", "startsAt", "status", "timerExtraSeconds", "timerPausedAt", "timezone", "title", "updatedAt" FROM "Call";
DROP TABLE "Call";
ALTER TABLE "new_Call" RENAME TO "Call";
CREATE UNIQUE INDEX "Call_slug_key" ON "Call"("slug");
CREATE INDEX "Call_seriesId_idx" ON "Call"("seriesId");
CREATE INDEX "Call_startsAt_idx" ON "Call"("startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Poll_callId_createdAt_idx" ON "Poll"("callId", "createdAt");

-- CreateIndex
CREATE INDEX "PollAnswer_participantId_idx" ON "PollAnswer"("participantId");

-- CreateIndex
CREATE UNIQUE INDEX "PollAnswer_pollId_participantId_key" ON "PollAnswer"("pollId", "participantId");

-- CreateIndex
CREATE INDEX "ReactionCount_callId_idx" ON "ReactionCount"("callId");
