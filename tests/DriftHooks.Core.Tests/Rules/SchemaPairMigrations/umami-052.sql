-- DropIndex
DROP INDEX "team_user_id_idx";

-- DropIndex
DROP INDEX "team_website_user_id_idx";

-- AlterTable
ALTER TABLE "team" DROP COLUMN "user_id";

-- AlterTable
ALTER TABLE "team_website" DROP COLUMN "user_id";

