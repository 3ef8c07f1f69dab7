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
    "qaVotersBeforeOpen" BOOLEAN NOT NULL DEFAULT false,
    "qaHoldVoteBursts" BOOLEAN NOT NULL DEFAULT false,
    "qaOpenedAt" DATETIME,
    "introState" TEXT NOT NULL DEFAULT '',
    "documentsBaseUrl" TEXT NOT NULL DEFAULT '',
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "personalDataRemovedAt" DATETIME,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Call_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Call" ("createdAt", "currentItemId", "description", "documentsBaseUrl", "endedAt", "hostKey", "id", "introState", "itemStartedAt", "personalDataRemovedAt", "plannedMinutes", "qaModerated", "qaOpen", "qaScribesModerate", "scribeKey", "scribesRunPolls", "sequence", "seriesId", "slug", "startedAt", "startsAt", "status", "timerExtraSeconds", "timerPausedAt", "timezone", "title", "updatedAt") SELECT "createdAt", "currentItemId", "description", "documentsBaseUrl", "endedAt", "hostKey", "id", "introState", "itemStartedAt", "personalDataRemovedAt", "plannedMinutes", "qaModerated", "qaOpen", "qaScribesModerate", "scribeKey", "scribesRunPolls", "sequence", "seriesId", "slug", "startedAt", "startsAt", "status", "timerExtraSeconds", "timerPausedAt", "timezone", "title", "updatedAt" FROM "Call";
DROP TABLE "Call";
ALTER TABLE "new_Call" RENAME TO "Call";
CREATE UNIQUE INDEX "Call_slug_key" ON "Call"("slug");
CREATE INDEX "Call_seriesId_idx" ON "Call"("seriesId");
CREATE INDEX "Call_startsAt_idx" ON "Call"("startsAt");
CREATE INDEX "Call_personalDataRemovedAt_endedAt_idx" ON "Call"("personalDataRemovedAt", "endedAt");
CREATE TABLE "new_Participant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "callId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "affiliation" TEXT NOT NULL DEFAULT '',
    "pronouns" TEXT NOT NULL DEFAULT '',
    "reason" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL DEFAULT 'attendee',
    "isTeam" BOOLEAN NOT NULL DEFAULT false,
    "checkedInAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" DATETIME,
    "isBlocked" BOOLEAN NOT NULL DEFAULT false,
    "handRaisedAt" DATETIME,
    "joinBucket" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Participant_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Participant" ("affiliation", "callId", "checkedInAt", "displayName", "handRaisedAt", "id", "isBlocked", "isTeam", "lastSeenAt", "pronouns", "reason", "removedAt", "role") SELECT "affiliation", "callId", "checkedInAt", "displayName", "handRaisedAt", "id", "isBlocked", "isTeam", "lastSeenAt", "pronouns", "reason", "removedAt", "role" FROM "Participant";
DROP TABLE "Participant";
ALTER TABLE "new_Participant" RENAME TO "Participant";
CREATE INDEX "Participant_callId_checkedInAt_idx" ON "Participant"("callId", "checkedInAt");
CREATE INDEX "Participant_callId_joinBucket_checkedInAt_idx" ON "Participant"("callId", "joinBucket", "checkedInAt");
CREATE TABLE "new_Question" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "callId" TEXT NOT NULL,
    "authorId" TEXT,
    "isAnonymous" BOOLEAN NOT NULL DEFAULT false,
    "authorName" TEXT NOT NULL DEFAULT '',
    "itemId" TEXT,
    "text" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "answer" TEXT NOT NULL DEFAULT '',
    "answeredBy" TEXT NOT NULL DEFAULT '',
    "voteCount" INTEGER NOT NULL DEFAULT 0,
    "voteSignal" TEXT NOT NULL DEFAULT '',
    "mergedIntoId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Question_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Question_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Participant" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Question_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Question" ("answer", "answeredBy", "authorId", "authorName", "callId", "createdAt", "id", "isAnonymous", "itemId", "mergedIntoId", "state", "text", "updatedAt", "voteCount") SELECT "answer", "answeredBy", "authorId", "authorName", "callId", "createdAt", "id", "isAnonymous", "itemId", "mergedIntoId", "state", "text", "updatedAt", "voteCount" FROM "Question";
DROP TABLE "Question";
ALTER TABLE "new_Question" RENAME TO "Question";
CREATE INDEX "Question_callId_state_idx" ON "Question"("callId", "state");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
