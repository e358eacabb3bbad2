-- AlterTable
ALTER TABLE "event_data" DROP CONSTRAINT "event_data_pkey",
DROP COLUMN "id",
ADD COLUMN     "event_data_id" SERIAL NOT NULL,
ADD CONSTRAINT "event_data_pkey" PRIMARY KEY ("event_data_id");

