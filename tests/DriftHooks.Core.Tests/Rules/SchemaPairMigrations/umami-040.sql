-- AlterTable
ALTER TABLE "event_data" DROP COLUMN "numeric_value",
ADD COLUMN     "number_value" DECIMAL(19,4);

-- AlterTable
ALTER TABLE "session_data" DROP COLUMN "numeric_value",
ADD COLUMN     "number_value" DECIMAL(19,4);

