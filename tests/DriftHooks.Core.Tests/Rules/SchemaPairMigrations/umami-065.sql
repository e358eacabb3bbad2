-- DropForeignKey
ALTER TABLE "team_website" DROP CONSTRAINT "team_website_website_id_fkey";

-- DropForeignKey
ALTER TABLE "team_website" DROP CONSTRAINT "team_website_team_id_fkey";

-- DropForeignKey
ALTER TABLE "team_website" DROP CONSTRAINT "team_website_userId_fkey";

-- DropForeignKey
ALTER TABLE "user_website" DROP CONSTRAINT "user_website_website_id_fkey";

-- DropForeignKey
ALTER TABLE "user_website" DROP CONSTRAINT "user_website_user_id_fkey";

-- AlterTable
ALTER TABLE "user" ADD COLUMN     "websiteId" UUID;

-- AlterTable
ALTER TABLE "website" ADD COLUMN     "team_id" UUID,
ADD COLUMN     "user_id" UUID;

-- AlterTable
ALTER TABLE "team" ADD COLUMN     "websiteId" UUID;

-- DropTable
DROP TABLE "team_website";

-- DropTable
DROP TABLE "user_website";

-- CreateIndex
CREATE UNIQUE INDEX "role_permission_role_id_permission_id_key" ON "role_permission"("role_id", "permission_id");

-- CreateIndex
CREATE UNIQUE INDEX "user_role_role_id_user_id_team_id_key" ON "user_role"("role_id", "user_id", "team_id");

-- AddForeignKey
ALTER TABLE "user" ADD CONSTRAINT "user_websiteId_fkey" FOREIGN KEY ("websiteId") REFERENCES "website"("website_id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team" ADD CONSTRAINT "team_websiteId_fkey" FOREIGN KEY ("websiteId") REFERENCES "website"("website_id") ON DELETE SET NULL ON UPDATE CASCADE;

