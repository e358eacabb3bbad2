-- DropIndex
DROP INDEX "event_data_session_id_idx";

-- DropIndex
DROP INDEX "event_data_website_id_website_event_id_created_at_idx";

-- DropIndex
DROP INDEX "event_data_website_id_session_id_created_at_idx";

-- DropIndex
DROP INDEX "event_data_website_id_session_id_website_event_id_created_a_idx";

-- AlterTable
ALTER TABLE "event_data" DROP COLUMN "event_name",
DROP COLUMN "session_id",
DROP COLUMN "url_path",
ALTER COLUMN "event_string_value" DROP NOT NULL,
ALTER COLUMN "event_numeric_value" DROP NOT NULL;

