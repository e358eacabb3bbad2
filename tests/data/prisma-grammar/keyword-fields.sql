-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "A" (
    "id" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "enum" TEXT NOT NULL,
    "view" INTEGER,

    CONSTRAINT "A_pkey" PRIMARY KEY ("id")
);
