-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "A" (
    "id" INTEGER NOT NULL,
    "s" TEXT NOT NULL DEFAULT 'say "hi"',

    CONSTRAINT "A_pkey" PRIMARY KEY ("id")
);
