-- AlterTable
ALTER TABLE "session" DROP COLUMN "subdivision",
ADD COLUMN     "subdivision1" CHAR(3),
ADD COLUMN     "subdivision2" CHAR(3);

