-- AlterTable
ALTER TABLE "team" ALTER COLUMN "deleted_at" DROP DEFAULT;

