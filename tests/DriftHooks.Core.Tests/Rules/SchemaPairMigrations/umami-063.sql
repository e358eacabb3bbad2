-- DropForeignKey
ALTER TABLE "user_role" DROP CONSTRAINT "user_role_team_id_fkey";

-- DropIndex
DROP INDEX "user_role_role_id_user_id_team_id_key";

-- AlterTable
ALTER TABLE "user_role" DROP COLUMN "team_id";

-- AlterTable
ALTER TABLE "team_user" ADD COLUMN     "role_id" UUID NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "user_role_role_id_user_id_key" ON "user_role"("role_id", "user_id");

-- AddForeignKey
ALTER TABLE "team_user" ADD CONSTRAINT "team_user_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "role"("role_id") ON DELETE RESTRICT ON UPDATE CASCADE;

