-- AlterTable
ALTER TABLE "event_data" DROP CONSTRAINT "event_data_pkey",
DROP COLUMN "event_data_type",
DROP COLUMN "event_date_value",
DROP COLUMN "event_id",
DROP COLUMN "event_numeric_value",
DROP COLUMN "event_string_value",
ADD COLUMN     "data_type" INTEGER NOT NULL,
ADD COLUMN     "date_value" TIMESTAMPTZ(6),
ADD COLUMN     "event_data_id" UUID NOT NULL,
ADD COLUMN     "numeric_value" DECIMAL(19,4),
ADD COLUMN     "string_value" VARCHAR(500),
ADD CONSTRAINT "event_data_pkey" PRIMARY KEY ("event_data_id");

-- CreateTable
CREATE TABLE "session_data" (
    "session_data_id" UUID NOT NULL,
    "website_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "session_key" VARCHAR(500) NOT NULL,
    "string_value" VARCHAR(500),
    "numeric_value" DECIMAL(19,4),
    "date_value" TIMESTAMPTZ(6),
    "data_type" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(6) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_data_pkey" PRIMARY KEY ("session_data_id")
);

-- CreateIndex
CREATE INDEX "session_data_created_at_idx" ON "session_data"("created_at");

-- CreateIndex
CREATE INDEX "session_data_website_id_idx" ON "session_data"("website_id");

-- CreateIndex
CREATE INDEX "session_data_session_id_idx" ON "session_data"("session_id");

