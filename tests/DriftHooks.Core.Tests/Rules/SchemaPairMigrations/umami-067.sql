-- DropForeignKey
ALTER TABLE "website" DROP CONSTRAINT "website_user_id_fkey";

-- DropIndex
DROP INDEX "website_user_id_idx";

-- AlterTable
ALTER TABLE "user" DROP COLUMN "is_admin";

-- AlterTable
ALTER TABLE "website" DROP COLUMN "user_id";

