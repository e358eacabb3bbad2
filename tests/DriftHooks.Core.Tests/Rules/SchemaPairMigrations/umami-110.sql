-- DropForeignKey
ALTER TABLE "event" DROP CONSTRAINT "event_session_id_fkey";

-- DropForeignKey
ALTER TABLE "pageview" DROP CONSTRAINT "pageview_session_id_fkey";

-- DropForeignKey
ALTER TABLE "session" DROP CONSTRAINT "session_website_id_fkey";

-- DropIndex
DROP INDEX "website_hostname_key";

-- AlterTable
ALTER TABLE "event" ADD COLUMN     "website_id" INTEGER NOT NULL,
DROP COLUMN "session_id",
ADD COLUMN     "session_id" INTEGER NOT NULL;

-- AlterTable
ALTER TABLE "pageview" ADD COLUMN     "website_id" INTEGER NOT NULL,
DROP COLUMN "session_id",
ADD COLUMN     "session_id" INTEGER NOT NULL;

-- AlterTable
ALTER TABLE "session" DROP CONSTRAINT "session_pkey",
ADD COLUMN     "session_uuid" TEXT NOT NULL,
DROP COLUMN "session_id",
ADD COLUMN     "session_id" SERIAL NOT NULL,
DROP COLUMN "website_id",
ADD COLUMN     "website_id" INTEGER NOT NULL,
ADD CONSTRAINT "session_pkey" PRIMARY KEY ("session_id");

-- AlterTable
ALTER TABLE "website" DROP CONSTRAINT "website_pkey",
ADD COLUMN     "website_uuid" TEXT NOT NULL,
DROP COLUMN "website_id",
ADD COLUMN     "website_id" SERIAL NOT NULL,
ADD CONSTRAINT "website_pkey" PRIMARY KEY ("website_id");

-- CreateIndex
CREATE UNIQUE INDEX "session_session_uuid_key" ON "session"("session_uuid");

-- CreateIndex
CREATE UNIQUE INDEX "website_website_uuid_key" ON "website"("website_uuid");

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "session"("session_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_website_id_fkey" FOREIGN KEY ("website_id") REFERENCES "website"("website_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pageview" ADD CONSTRAINT "pageview_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "session"("session_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pageview" ADD CONSTRAINT "pageview_website_id_fkey" FOREIGN KEY ("website_id") REFERENCES "website"("website_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_website_id_fkey" FOREIGN KEY ("website_id") REFERENCES "website"("website_id") ON DELETE RESTRICT ON UPDATE CASCADE;

