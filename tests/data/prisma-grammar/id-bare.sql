-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "A" (
    "orgId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "A_pkey" PRIMARY KEY ("orgId")
);
