-- AlterTable
ALTER TABLE "session" ALTER COLUMN "subdivision1" SET DATA TYPE VARCHAR(20);

