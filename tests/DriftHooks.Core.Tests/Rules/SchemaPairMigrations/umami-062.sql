-- AlterTable
ALTER TABLE "permission" DROP COLUMN "is_deleted";

-- AlterTable
ALTER TABLE "role" DROP COLUMN "is_deleted";

-- AlterTable
ALTER TABLE "team_user" DROP COLUMN "is_owner";

