-- DropTable
DROP TABLE "event_old";

