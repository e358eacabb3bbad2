-- AlterTable
ALTER TABLE "segment" DROP COLUMN "filters",
ADD COLUMN     "parameters" JSONB NOT NULL;

