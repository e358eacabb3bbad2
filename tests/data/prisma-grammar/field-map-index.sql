-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "a_table" (
    "id" INTEGER NOT NULL,
    "org_id" INTEGER NOT NULL,

    CONSTRAINT "a_table_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_org" ON "a_table"("org_id");
