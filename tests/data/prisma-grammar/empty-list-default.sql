-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "A" (
    "id" INTEGER NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "nums" INTEGER[] DEFAULT ARRAY[1, 2]::INTEGER[],

    CONSTRAINT "A_pkey" PRIMARY KEY ("id")
);
