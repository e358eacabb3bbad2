-- DropForeignKey
ALTER TABLE "user_role" DROP CONSTRAINT "user_role_user_id_fkey";

-- DropIndex
DROP INDEX "team_name_key";

-- AlterTable
ALTER TABLE "user" DROP COLUMN "is_deleted",
ADD COLUMN     "deleted_at" TIMESTAMPTZ(6),
ADD COLUMN     "role" VARCHAR(50) NOT NULL,
ADD COLUMN     "updated_at" TIMESTAMPTZ(6);

-- AlterTable
ALTER TABLE "website" DROP COLUMN "is_deleted",
ADD COLUMN     "deleted_at" TIMESTAMPTZ(6),
ADD COLUMN     "updated_at" TIMESTAMPTZ(6);

-- AlterTable
ALTER TABLE "team" DROP COLUMN "is_deleted",
ADD COLUMN     "deleted_at" TIMESTAMPTZ(6),
ADD COLUMN     "updated_at" TIMESTAMPTZ(6),
ADD COLUMN     "user_id" UUID NOT NULL;

-- AlterTable
ALTER TABLE "team_user" DROP COLUMN "is_deleted",
ADD COLUMN     "deleted_at" TIMESTAMPTZ(6),
ADD COLUMN     "updated_at" TIMESTAMPTZ(6),
ALTER COLUMN "role" SET DATA TYPE VARCHAR(50);

-- DropTable
DROP TABLE "user_role";

