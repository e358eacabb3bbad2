-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "A" (
    "orgId" INTEGER NOT NULL,

    CONSTRAINT "a_pk" PRIMARY KEY ("orgId")
);
