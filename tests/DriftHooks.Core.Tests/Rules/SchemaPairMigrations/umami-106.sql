-- AlterTable
ALTER TABLE "website" DROP COLUMN "label",
ADD COLUMN     "domain" TEXT,
ADD COLUMN     "name" TEXT NOT NULL;

