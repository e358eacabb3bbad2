-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "A" (
    "id" INTEGER NOT NULL,
    "url" TEXT NOT NULL DEFAULT 'http://example.com/a//b',

    CONSTRAINT "A_pkey" PRIMARY KEY ("id")
);
