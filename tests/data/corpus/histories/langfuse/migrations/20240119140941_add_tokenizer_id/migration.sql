-- AlterTable
ALTER TABLE "models" ADD COLUMN     "tokenizer_id" TEXT;
