-- DropForeignKey
ALTER TABLE "job_executions" DROP CONSTRAINT IF EXISTS "job_executions_job_template_id_fkey";
