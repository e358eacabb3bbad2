-- DropForeignKey
ALTER TABLE "website" DROP CONSTRAINT "website_user_id_fkey";

-- DropForeignKey
ALTER TABLE "website" DROP CONSTRAINT "website_created_by_fkey";

-- DropForeignKey
ALTER TABLE "website" DROP CONSTRAINT "website_team_id_fkey";

-- DropForeignKey
ALTER TABLE "website_event" DROP CONSTRAINT "website_event_session_id_fkey";

-- DropForeignKey
ALTER TABLE "event_data" DROP CONSTRAINT "event_data_website_id_fkey";

-- DropForeignKey
ALTER TABLE "event_data" DROP CONSTRAINT "event_data_website_event_id_fkey";

-- DropForeignKey
ALTER TABLE "session_data" DROP CONSTRAINT "session_data_website_id_fkey";

-- DropForeignKey
ALTER TABLE "session_data" DROP CONSTRAINT "session_data_session_id_fkey";

-- DropForeignKey
ALTER TABLE "team_user" DROP CONSTRAINT "team_user_team_id_fkey";

-- DropForeignKey
ALTER TABLE "team_user" DROP CONSTRAINT "team_user_user_id_fkey";

-- DropForeignKey
ALTER TABLE "report" DROP CONSTRAINT "report_user_id_fkey";

-- DropForeignKey
ALTER TABLE "report" DROP CONSTRAINT "report_website_id_fkey";

-- DropForeignKey
ALTER TABLE "segment" DROP CONSTRAINT "segment_website_id_fkey";

-- DropForeignKey
ALTER TABLE "revenue" DROP CONSTRAINT "revenue_website_id_fkey";

-- DropForeignKey
ALTER TABLE "revenue" DROP CONSTRAINT "revenue_session_id_fkey";

-- DropForeignKey
ALTER TABLE "link" DROP CONSTRAINT "link_user_id_fkey";

-- DropForeignKey
ALTER TABLE "link" DROP CONSTRAINT "link_team_id_fkey";

-- DropForeignKey
ALTER TABLE "pixel" DROP CONSTRAINT "pixel_user_id_fkey";

-- DropForeignKey
ALTER TABLE "pixel" DROP CONSTRAINT "pixel_team_id_fkey";

