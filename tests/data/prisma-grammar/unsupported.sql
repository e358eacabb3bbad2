-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "A" (
    "id" INTEGER NOT NULL,
    "v" tsvector,

    CONSTRAINT "A_pkey" PRIMARY KEY ("id")
);
