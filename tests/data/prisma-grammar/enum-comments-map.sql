-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "role" AS ENUM ('user', 'ADMIN', 'OWNER');

-- CreateTable
CREATE TABLE "A" (
    "id" INTEGER NOT NULL,
    "role" "role" NOT NULL DEFAULT 'user',

    CONSTRAINT "A_pkey" PRIMARY KEY ("id")
);
