-- DropIndex
DROP INDEX "board_slug_key";

-- DropIndex
DROP INDEX "board_slug_idx";

-- AlterTable
ALTER TABLE "board" DROP COLUMN "slug";

