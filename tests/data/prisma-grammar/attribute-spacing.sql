-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "A" (
    "id" SERIAL NOT NULL,
    "s" VARCHAR(191) NOT NULL,
    "d" DECIMAL(10,2) NOT NULL DEFAULT 1.50,

    CONSTRAINT "A_pkey" PRIMARY KEY ("id")
);
