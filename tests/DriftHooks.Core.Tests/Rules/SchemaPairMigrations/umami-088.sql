-- AlterTable
ALTER TABLE "session_replay" ADD COLUMN     "visit_id" UUID NOT NULL;

-- CreateIndex
CREATE INDEX "session_replay_visit_id_idx" ON "session_replay"("visit_id");

