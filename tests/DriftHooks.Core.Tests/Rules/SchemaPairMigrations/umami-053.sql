-- AlterTable
ALTER TABLE "website_event" DROP COLUMN "event_data";

