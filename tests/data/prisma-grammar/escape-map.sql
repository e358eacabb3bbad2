-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "weird table" (
    "the id" INTEGER NOT NULL,

    CONSTRAINT "weird table_pkey" PRIMARY KEY ("the id")
);
