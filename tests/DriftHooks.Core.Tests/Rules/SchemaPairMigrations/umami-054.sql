-- AlterTable
ALTER TABLE "session" ALTER COLUMN "subdivision2" SET DATA TYPE VARCHAR(50);

