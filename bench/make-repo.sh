#!/usr/bin/env bash
# Creates a benchmark git repository: 20,000 source files, a Prisma project with 1,000 committed
# migrations, and a staged schema edit plus a new migration (the pre-commit hook's case).
# Usage: bench/make-repo.sh DIR   (DIR must not exist or be empty). Prints nothing but errors.
set -euo pipefail
export LC_ALL=C # byte lengths for fast-import "data" counts

if [[ $# -ne 1 ]]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi

dir=$1
if [[ -e $dir && -n $(ls -A "$dir" 2>/dev/null) ]]; then
  echo "$0: $dir exists and is not empty" >&2
  exit 2
fi

modules=200
files_per_module=100
migrations=1000

# Isolate from the caller's git environment (e.g. running inside a hook) and user config.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

mkdir -p "$dir"
git init -q -b main "$dir"
cd "$dir"

schema='generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id        Int       @id @default(autoincrement())
  email     String    @unique
  name      String?
  createdAt DateTime  @default(now())
  posts     Post[]
  profile   Profile?
  comments  Comment[]
}

model Profile {
  id     Int    @id @default(autoincrement())
  bio    String
  user   User   @relation(fields: [userId], references: [id])
  userId Int    @unique
}

model Post {
  id        Int       @id @default(autoincrement())
  title     String
  content   String?
  published Boolean   @default(false)
  author    User      @relation(fields: [authorId], references: [id])
  authorId  Int
  comments  Comment[]
  tags      Tag[]
}

model Comment {
  id       Int    @id @default(autoincrement())
  body     String
  post     Post   @relation(fields: [postId], references: [id])
  postId   Int
  author   User   @relation(fields: [authorId], references: [id])
  authorId Int
}

model Tag {
  id    Int    @id @default(autoincrement())
  name  String @unique
  posts Post[]
}
'

# One fast-import stream (blobs inline, one commit) instead of 22k `git add`s: seconds, not minutes.
{
  printf 'commit refs/heads/main\nmark :1\ncommitter bench <bench@example.com> 1577836800 +0000\ndata 17\nbenchmark corpus\n'
  printf 'M 100644 inline prisma/schema.prisma\ndata %d\n%s\n' "${#schema}" "$schema"
  lock='provider = "postgresql"
'
  printf 'M 100644 inline prisma/migrations/migration_lock.toml\ndata %d\n%s\n' "${#lock}" "$lock"
  awk -v modules="$modules" -v per="$files_per_module" -v migrations="$migrations" 'BEGIN {
    for (m = 0; m < modules; m++) {
      for (f = 0; f < per; f++) {
        body = sprintf("export const value%04d = %d;\nexport function f%04d(x: number): number {\n  return x + value%04d;\n}\n", f, m * per + f, f, f)
        printf "M 100644 inline src/module%03d/file%04d.ts\ndata %d\n%s\n", m, f, length(body), body
      }
    }
    # One migration a day from 2020-01-01 (28-day months keep every timestamp a valid date).
    for (i = 1; i <= migrations; i++) {
      d = i - 1
      ts = sprintf("%04d%02d%02d000000", 2020 + int(d / 336), int((d % 336) / 28) + 1, d % 28 + 1)
      body = sprintf("-- CreateTable\nCREATE TABLE \"T%04d\" (\"id\" SERIAL PRIMARY KEY);\n", i)
      printf "M 100644 inline prisma/migrations/%s_m%04d/migration.sql\ndata %d\n%s\n", ts, i, length(body), body
    }
  }'
  printf 'done\n'
} | git fast-import --quiet --done

# Working tree and index from the commit, so `git status` is clean and its stat data is fresh.
git reset -q --hard main

# The staged change the pre-commit hook must check: a new column plus the migration adding it.
sed -i 's/^  published Boolean   @default(false)$/&\n  publishedAt DateTime?/' prisma/schema.prisma
grep -q publishedAt prisma/schema.prisma
mkdir -p prisma/migrations/20230101000000_add_column
printf -- '-- AlterTable\nALTER TABLE "Post" ADD COLUMN "publishedAt" TIMESTAMP(3);\n' \
  >prisma/migrations/20230101000000_add_column/migration.sql
git add prisma/schema.prisma prisma/migrations/20230101000000_add_column/migration.sql
