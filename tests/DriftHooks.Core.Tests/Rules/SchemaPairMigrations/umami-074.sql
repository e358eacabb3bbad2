-- AlterTable
ALTER TABLE "account" ADD COLUMN     "account_uuid" UUID NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "account_account_uuid_key" ON "account"("account_uuid");

