-- AlterTable
ALTER TABLE "website_event" ADD COLUMN     "event_type" INTEGER NOT NULL DEFAULT 1,
ALTER COLUMN "event_name" DROP NOT NULL,
ALTER COLUMN "event_data" DROP NOT NULL;

