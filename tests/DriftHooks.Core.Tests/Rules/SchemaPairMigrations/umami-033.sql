-- AlterTable
ALTER TABLE "user" ADD COLUMN     "display_name" VARCHAR(255);

-- AlterTable
ALTER TABLE "website" ADD COLUMN     "created_by" UUID;

-- CreateIndex
CREATE INDEX "website_created_by_idx" ON "website"("created_by");

