-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PublishingSettings" (
    "seriesId" TEXT NOT NULL PRIMARY KEY,
    "repositoryUrl" TEXT NOT NULL,
    "targetBranch" TEXT NOT NULL DEFAULT 'main',
    "pathTemplate" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "authorEmail" TEXT NOT NULL,
    "documentsBaseUrl" TEXT NOT NULL DEFAULT '',
    "pushToTarget" BOOLEAN NOT NULL DEFAULT false,
    "hostKind" TEXT NOT NULL DEFAULT 'auto',
    "sealedToken" TEXT NOT NULL DEFAULT '',
    "busySince" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PublishingSettings_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PublishingSettings" ("authorEmail", "authorName", "busySince", "documentsBaseUrl", "pathTemplate", "pushToTarget", "repositoryUrl", "sealedToken", "seriesId", "targetBranch", "updatedAt") SELECT "authorEmail", "authorName", "busySince", "documentsBaseUrl", "pathTemplate", "pushToTarget", "repositoryUrl", "sealedToken", "seriesId", "targetBranch", "updatedAt" FROM "PublishingSettings";
DROP TABLE "PublishingSettings";
ALTER TABLE "new_PublishingSettings" RENAME TO "PublishingSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
