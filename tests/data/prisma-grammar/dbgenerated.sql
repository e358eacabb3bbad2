-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "A" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "t" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "A_pkey" PRIMARY KEY ("id")
);
