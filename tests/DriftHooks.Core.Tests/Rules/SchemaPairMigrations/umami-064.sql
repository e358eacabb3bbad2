-- DropForeignKey
ALTER TABLE "user" DROP CONSTRAINT "user_websiteId_fkey";

-- DropForeignKey
ALTER TABLE "team" DROP CONSTRAINT "team_websiteId_fkey";

-- AlterTable
ALTER TABLE "user" DROP COLUMN "websiteId";

-- AlterTable
ALTER TABLE "team" DROP COLUMN "websiteId";

-- AddForeignKey
ALTER TABLE "website" ADD CONSTRAINT "website_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("team_id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "website" ADD CONSTRAINT "website_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("user_id") ON DELETE SET NULL ON UPDATE CASCADE;

