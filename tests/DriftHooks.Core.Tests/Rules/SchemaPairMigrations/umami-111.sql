-- AlterTable
ALTER TABLE "session" ADD COLUMN     "hostname" TEXT;

