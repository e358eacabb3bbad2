-- AlterTable
ALTER TABLE "blob_storage_integrations" ADD COLUMN "export_tuning" JSONB;
