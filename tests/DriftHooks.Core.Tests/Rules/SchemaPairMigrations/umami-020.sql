-- DropIndex
DROP INDEX "session_website_id_created_at_hostname_idx";

-- DropIndex
DROP INDEX "session_website_id_created_at_subdivision1_idx";

-- AlterTable
ALTER TABLE "session" DROP COLUMN "hostname",
DROP COLUMN "subdivision1",
DROP COLUMN "subdivision2",
ADD COLUMN     "region" VARCHAR(20);

-- AlterTable
ALTER TABLE "website_event" ADD COLUMN     "hostname" VARCHAR(100);

-- CreateIndex
CREATE INDEX "session_website_id_created_at_region_idx" ON "session"("website_id", "created_at", "region");

-- CreateIndex
CREATE INDEX "website_event_website_id_created_at_hostname_idx" ON "website_event"("website_id", "created_at", "hostname");

