-- DropIndex
DROP INDEX "share_share_code_key";

-- AlterTable
ALTER TABLE "share" DROP COLUMN "share_code",
ADD COLUMN     "slug" VARCHAR(100) NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "share_slug_key" ON "share"("slug");

