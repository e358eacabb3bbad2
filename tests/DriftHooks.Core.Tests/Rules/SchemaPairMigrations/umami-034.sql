-- AlterTable
ALTER TABLE "user" ALTER COLUMN "logo_url" DROP NOT NULL;

-- AlterTable
ALTER TABLE "team" ALTER COLUMN "logo_url" DROP NOT NULL;

