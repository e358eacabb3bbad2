-- DropIndex
DROP INDEX "website_share_id_key";

-- DropIndex
DROP INDEX "website_share_id_idx";

-- AlterTable
ALTER TABLE "website" DROP COLUMN "share_id";

-- CreateTable
CREATE TABLE "share" (
    "share_id" UUID NOT NULL,
    "entity_id" UUID NOT NULL,
    "share_type" INTEGER NOT NULL,
    "share_code" VARCHAR(50),
    "parameters" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6),

    CONSTRAINT "share_pkey" PRIMARY KEY ("share_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "share_share_id_key" ON "share"("share_id");

-- CreateIndex
CREATE UNIQUE INDEX "share_share_code_key" ON "share"("share_code");

-- CreateIndex
CREATE INDEX "share_entity_id_idx" ON "share"("entity_id");

