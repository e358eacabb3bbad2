-- AlterTable
ALTER TABLE "event_data" DROP CONSTRAINT "event_data_pkey",
DROP COLUMN "event_data_id",
ADD COLUMN     "id" SERIAL NOT NULL,
ADD CONSTRAINT "event_data_pkey" PRIMARY KEY ("id");

-- CreateTable
CREATE TABLE "event_old" (
    "event_id" SERIAL NOT NULL,
    "website_id" INTEGER NOT NULL,
    "session_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) DEFAULT CURRENT_TIMESTAMP,
    "url" VARCHAR(500) NOT NULL,
    "event_type" VARCHAR(50) NOT NULL,
    "event_value" VARCHAR(50) NOT NULL,

    CONSTRAINT "event_old_pkey" PRIMARY KEY ("event_id")
);

-- CreateIndex
CREATE INDEX "event_old_created_at_idx" ON "event_old"("created_at");

-- CreateIndex
CREATE INDEX "event_old_session_id_idx" ON "event_old"("session_id");

-- CreateIndex
CREATE INDEX "event_old_website_id_idx" ON "event_old"("website_id");

