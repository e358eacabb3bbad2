-- AlterTable
ALTER TABLE "user" ADD COLUMN     "logo_url" VARCHAR(2183) NOT NULL;

-- AlterTable
ALTER TABLE "team" ADD COLUMN     "logo_url" VARCHAR(2183) NOT NULL;

