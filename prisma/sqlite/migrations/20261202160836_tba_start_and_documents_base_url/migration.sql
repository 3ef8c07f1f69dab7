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
    "introState" TEXT NOT NULL DEFAULT '',
    "documentsBaseUrl" TEXT NOT NULL DEFAULT '',
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Call_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Call" ("createdAt", "currentItemId", "description", "endedAt", "hostKey", "id", "introState", "itemStartedAt", "plannedMinutes", "qaModerated", "qaOpen", "qaScribesModerate", "scribeKey", "sequence", "seriesId", "slug", "startedAt", "startsAt", "status", "timerExtraSeconds", "timerPausedAt", "timezone", "title", "updatedAt") SELECT "createdAt", "currentItemId", "description", "endedAt", "hostKey", "id", "introState", "itemStartedAt", "plannedMinutes", "qaModerated", "qaOpen", "qaScribesModerate", "scribeKey", "sequence", "seriesId", "slug", "startedAt", "startsAt", "status", "timerExtraSeconds", "timerPausedAt", "timezone", "title", "updatedAt" FROM "Call";
DROP TABLE "Call";
ALTER TABLE "new_Call" RENAME TO "Call";
CREATE UNIQUE INDEX "Call_slug_key" ON "Call"("slug");
CREATE INDEX "Call_seriesId_idx" ON "Call"("seriesId");
CREATE INDEX "Call_startsAt_idx" ON "Call"("startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
