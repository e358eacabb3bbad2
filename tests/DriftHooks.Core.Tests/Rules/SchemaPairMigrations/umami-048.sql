-- AlterTable
ALTER TABLE "website" DROP COLUMN "rev_id",
ADD COLUMN     "reset_at" TIMESTAMPTZ(6);

