-- AlterTable
ALTER TABLE "website" DROP COLUMN "hostname",
ADD COLUMN     "label" TEXT NOT NULL;

