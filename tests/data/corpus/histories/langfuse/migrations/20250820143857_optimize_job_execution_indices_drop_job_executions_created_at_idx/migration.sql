-- DropIndex
DROP INDEX CONCURRENTLY "job_executions_created_at_idx";