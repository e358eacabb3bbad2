-- AlterTable
ALTER TABLE "website_event" DROP COLUMN "referrer",
DROP COLUMN "url",
ADD COLUMN     "referrer_domain" VARCHAR(500),
ADD COLUMN     "referrer_path" VARCHAR(500),
ADD COLUMN     "referrer_query" VARCHAR(500),
ADD COLUMN     "url_path" VARCHAR(500) NOT NULL,
ADD COLUMN     "url_query" VARCHAR(500);

